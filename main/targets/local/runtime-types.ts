/** An OpenClaw this machine can run: `command ...args gateway run`. */
export interface OpenclawRuntime {
  version: string;
  command: string;
  /** Arguments before openclaw's own (the JS entry when run by a Node). */
  args: string[];
  /** Folder put first on the gateway's PATH (the Node it runs on). */
  pathPrefix?: string;
  /** `operator`: an openclaw the operator already had; `installed`: ours, under the data dir. */
  source: 'operator' | 'installed';
  /** Where it is, for the bot page and error messages. */
  location: string;
}
