// The two Node APIs consumer.ts uses, declared here because the test's empty project has no
// @types/node (it installs nothing but the packed `doorstep`, offline). A real project has
// @types/node and no such file.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
}

declare const process: {
  readonly argv: readonly string[];
  readonly env: { readonly [name: string]: string | undefined };
  exitCode?: number;
};
