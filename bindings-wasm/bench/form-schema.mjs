// The JSON Schema (draft-07, for Ajv) equivalent to a doorstep FormSpec, as far as JSON
// Schema can say it — the same mapping as core/benches/forms.rs makes for the `jsonschema`
// crate:
// - each field type to a JSON type, a `format` (identifier types: custom formats that run
//   the identifier checks, see formats.mjs) or a pattern; `required`, `minimum`/`maximum`
//   (money: at least 0), `minLength`/`maxLength`, `pattern`, `enum` (choices),
//   `minItems`/`maxItems`/`uniqueItems`, `additionalProperties: false`;
// - a `requiredIf` or `visibleIf` made of `{"==": [{"var": "key"}, constant]}`, `and`, `or`
//   and `!` becomes `if`/`then` (a hidden field: anything goes; shown: checked).
// Left out, as JSON Schema cannot say them (so Ajv does less work than the form engine):
// cross-field checks (`checks`, e.g. `id_age`), other conditions, rules inside groups (they
// read the whole answer), trimming and "blank counts as missing" for text, the province
// check of an area code, and the normalised answer the form engine builds.

/** A JsonLogic rule as a JSON Schema condition over the object it reads, or null. */
export function condition(rule) {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const entries = Object.entries(rule);
  if (entries.length !== 1) return null;
  const [op, raw] = entries[0];
  const args = Array.isArray(raw) ? raw : [raw];
  const all = () => {
    const out = args.map(condition);
    return out.includes(null) ? null : out;
  };
  switch (op) {
    case '==': {
      if (args.length !== 2) return null;
      const [a, b] = args;
      const isVar = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
      const isConst = (x) => x === null || typeof x !== 'object';
      const [v, constant] = isVar(a) && isConst(b) ? [a, b] : isVar(b) && isConst(a) ? [b, a] : [null, null];
      const key = v?.var;
      if (typeof key !== 'string' || key === '' || key.includes('.')) return null;
      return { properties: { [key]: { const: constant } }, required: [key] };
    }
    case 'or': {
      const anyOf = all();
      return anyOf && { anyOf };
    }
    case 'and': {
      const allOf = all();
      return allOf && { allOf };
    }
    case '!': {
      const not = args.length === 1 ? condition(args[0]) : null;
      return not && { not };
    }
    default:
      return null;
  }
}

/** The schema of one field's value. */
function fieldSchema(field, inGroup) {
  const s = {};
  const format = (name) => ({ type: 'string', format: name });
  switch (field.type) {
    case 'text':
    case 'address':
    case 'attachment':
      s.type = 'string';
      if (field.minLength !== undefined) s.minLength = field.minLength;
      if (field.maxLength !== undefined) s.maxLength = field.maxLength;
      if (field.pattern !== undefined) s.pattern = `^(?:${field.pattern})$`;
      return s;
    case 'integer':
    case 'money':
    case 'decimal': {
      s.type = field.type === 'decimal' ? 'number' : 'integer';
      const mins = [field.min, field.type === 'money' ? 0 : undefined].filter((x) => x !== undefined);
      if (mins.length > 0) s.minimum = Math.max(...mins);
      if (field.max !== undefined) s.maximum = field.max;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return format('date');
    case 'datetime':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$' };
    case 'choice':
      return { type: 'string', enum: (field.choices ?? []).map((c) => c.value) };
    case 'multi_choice':
      s.type = 'array';
      s.items = { type: 'string', enum: (field.choices ?? []).map((c) => c.value) };
      s.uniqueItems = true;
      if (field.minItems !== undefined) s.minItems = field.minItems;
      if (field.maxItems !== undefined) s.maxItems = field.maxItems;
      return s;
    case 'resident_id':
      return format('resident-id');
    case 'credit_code':
      return format('credit-code');
    case 'mobile':
      return format('mobile');
    case 'phone':
      return format('phone');
    case 'postal_code':
      return format('postal-code');
    case 'bank_card':
      return format('bank-card');
    case 'email':
      return format('email');
    case 'area_code':
      return { type: 'string', pattern: '^[0-9]{6}$' };
    case 'group':
      // Rules in a group read the whole answer, which a nested schema cannot see.
      return objectSchema(field.fields ?? [], true);
    case 'repeat':
      s.type = 'array';
      s.items = objectSchema(field.fields ?? [], inGroup);
      if (field.minItems !== undefined) s.minItems = field.minItems;
      if (field.maxItems !== undefined) s.maxItems = field.maxItems;
      return s;
    default:
      throw new Error(`unknown field type ${field.type}`);
  }
}

/** The schema of an object of `fields`; in a group, conditions are dropped. */
function objectSchema(fields, inGroup) {
  const properties = {};
  const required = [];
  const conditions = [];
  for (const field of fields) {
    const schema = fieldSchema(field, inGroup);
    const visible = !inGroup && field.visibleIf !== undefined ? condition(field.visibleIf) : null;
    const requiredIf = !inGroup && field.requiredIf !== undefined ? condition(field.requiredIf) : null;
    if (visible) {
      properties[field.key] = true;
      const then = { properties: { [field.key]: schema } };
      if (field.required) then.required = [field.key];
      conditions.push({ if: visible, then });
    } else {
      properties[field.key] = schema;
      if (field.required) required.push(field.key);
    }
    if (requiredIf) conditions.push({ if: requiredIf, then: { required: [field.key] } });
  }
  const schema = { type: 'object', properties, required, additionalProperties: false };
  if (conditions.length > 0) schema.allOf = conditions;
  return schema;
}

/** The draft-07 JSON Schema of a form (a FormSpec as `Engine.form` returns it). */
export function formSchema(form) {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...objectSchema(form.fields, false) };
}
