import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Named profiles from the operator's ~/.aws files, read the way the AWS CLI and SDK read them
 * (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files). Only names, regions and the
 * kind of each profile come out of here: never a key.
 */
export interface AwsProfileInfo {
  name: string;
  region: string | null;
  /** How the SDK will get credentials for it. */
  kind: 'static-keys' | 'sso' | 'assume-role' | 'process' | 'web-identity' | 'other';
  /** Which of the two files mention it. */
  files: Array<'config' | 'credentials'>;
}

export interface AwsFilesLocation {
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export function awsFilePaths(loc: AwsFilesLocation = {}): { config: string; credentials: string } {
  const env = loc.env ?? process.env;
  const home = loc.home ?? homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** INI sections as the AWS files use them: `[name]`, `key = value`, `#`/`;` comments, indented sub-keys kept flat. */
export function parseAwsIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1]) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0 || /^\s/.test(raw)) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

async function readIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return '';
    throw err;
  }
}

function kindOf(keys: Map<string, string>): AwsProfileInfo['kind'] {
  if (keys.has('aws_access_key_id')) return 'static-keys';
  if (keys.has('sso_session') || keys.has('sso_start_url')) return 'sso';
  if (keys.has('web_identity_token_file')) return 'web-identity';
  if (keys.has('role_arn')) return 'assume-role';
  if (keys.has('credential_process')) return 'process';
  return 'other';
}

/** Every profile of ~/.aws/config (`[default]`, `[profile name]`) and ~/.aws/credentials (`[name]`), by name. */
export async function listAwsProfiles(loc: AwsFilesLocation = {}): Promise<AwsProfileInfo[]> {
  const paths = awsFilePaths(loc);
  const [configText, credentialsText] = await Promise.all([
    readIfPresent(paths.config),
    readIfPresent(paths.credentials),
  ]);
  const merged = new Map<string, { keys: Map<string, string>; files: Set<'config' | 'credentials'> }>();
  const add = (name: string, keys: Map<string, string>, file: 'config' | 'credentials') => {
    const entry = merged.get(name) ?? { keys: new Map<string, string>(), files: new Set() };
    for (const [k, v] of keys) entry.keys.set(k, v);
    entry.files.add(file);
    merged.set(name, entry);
  };
  for (const [section, keys] of parseAwsIni(configText)) {
    if (section === 'default') add('default', keys, 'config');
    else if (section.startsWith('profile ')) add(section.slice('profile '.length).trim(), keys, 'config');
  }
  for (const [section, keys] of parseAwsIni(credentialsText)) add(section, keys, 'credentials');
  return [...merged.entries()]
    .map(([name, { keys, files }]) => ({
      name,
      region: keys.get('region') ?? null,
      kind: kindOf(keys),
      files: [...files].sort(),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
