// Browser (and bundler) entry: `import init, { checkResidentId } from 'doorstep'; await init();`
// `init()` fetches doorstep_wasm_bg.wasm next to this file; pass `{ module_or_path }` to load it
// from elsewhere, or call `initSync({ module })` with the bytes. The Node entry (node.js) is
// this module, initialised.
import { Engine } from './doorstep_wasm.js';

export * from './doorstep_wasm.js';
export { default } from './doorstep_wasm.js';

// Every method of `Engine` checks its `this` before wasm-bindgen's glue passes
// `this.__wbg_ptr` to the module: 0 after `free()` (the glue's uncoded "null pointer passed
// to rust", thrown through the module's frames), or another module's pointer (`doorstep` and
// `doorstep/backoffice` each have their own memory: read in the wrong one, it traps and leaves
// the module broken). A coded error instead, and a second `free()` does nothing. One
// `instanceof` and one property read per call; not a defence against an object forged with
// `Engine.prototype` and a made-up `__wbg_ptr`.
const messages = {
  'arg.freed': [
    'Engine 已释放（已调用 free()），不能再使用；请重新创建',
    'The Engine was freed (free() was called) and cannot be used; create a new one',
  ],
  'arg.invalid_type': [
    '参数 this 的类型不正确：应为本模块的 Engine',
    'Argument this has the wrong type: expected an Engine of this module',
  ],
};

/** The misuse `code`, worded in the `lang` of the call's options (its last argument) when
 * that is English, else in zh-CN. */
function refusal(code, args) {
  let en = false;
  const options = args[args.length - 1];
  if (typeof options === 'object' && options !== null) {
    try {
      en = /^en(-us|-gb)?$/i.test(options.lang);
    } catch {
      // A throwing getter or proxy: the default language.
    }
  }
  const error = new Error(messages[code][en ? 1 : 0]);
  error.code = code;
  if (code === 'arg.invalid_type') error.params = { name: 'this', expected: 'Engine' };
  return error;
}

const proto = Engine.prototype;
for (const name of Object.getOwnPropertyNames(proto)) {
  // Read as a descriptor: a getter would run on the prototype itself.
  const method = Object.getOwnPropertyDescriptor(proto, name).value;
  // `__destroy_into_raw` is the glue's own, called by `free` once `this` is checked.
  if (name === 'constructor' || name === '__destroy_into_raw' || typeof method !== 'function') continue;
  const isFree = name === 'free';
  const guarded = {
    [name]() {
      if (!(this instanceof Engine)) throw refusal('arg.invalid_type', arguments);
      if (!this.__wbg_ptr) {
        if (isFree) return undefined;
        throw refusal('arg.freed', arguments);
      }
      return method.apply(this, arguments);
    },
  }[name];
  Object.defineProperty(guarded, 'length', { value: method.length });
  proto[name] = guarded;
}
if (Symbol.dispose) proto[Symbol.dispose] = proto.free;
