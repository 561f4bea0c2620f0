// cake-sdk-wasm/esbuild: the esbuild plugin that copies the imported build's .wasm into the
// output (esbuild does not copy `new URL('…', import.meta.url)` assets by itself).

/** The part of esbuild's PluginBuild the plugin uses (esbuild's own type is assignable). */
export interface EsbuildPluginBuild {
  onLoad(
    options: { filter: RegExp; namespace?: string },
    callback: (args: { path: string }) => unknown,
  ): void;
}

/** An esbuild plugin (assignable to esbuild's `Plugin`). */
export interface CakeSdkWasmPlugin {
  name: string;
  setup(build: EsbuildPluginBuild): void;
}

/** `esbuild.build({ ..., plugins: [cakeSdkWasm()] })`. */
export default function cakeSdkWasm(): CakeSdkWasmPlugin;
