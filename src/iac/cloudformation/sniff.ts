/**
 * Whether a file is a CloudFormation template, from its name and head: cheap and conservative,
 * since the adapter claims files before the scan's own YAML parse (which the short tags would
 * break). A template says `AWSTemplateFormatVersion` at its top level, or has a top-level
 * `Resources` whose entries have `Type: AWS::...`. Kubernetes manifests, collector configs,
 * Terraform plans and other JSON say neither.
 */

const TEMPLATE_NAME = /\.(ya?ml|json|template)$/i;

/** YAML: a top-level key (column 1), bare or quoted. */
const YAML_VERSION = /^(?:AWSTemplateFormatVersion|'AWSTemplateFormatVersion'|"AWSTemplateFormatVersion")[ \t]*:/m;
const YAML_RESOURCES = /^(?:Resources|'Resources'|"Resources")[ \t]*:[ \t]*(?:#.*)?$/m;
const YAML_AWS_TYPE = /^[ \t]+(?:Type|'Type'|"Type")[ \t]*:[ \t]*['"]?AWS::[A-Za-z0-9]+::/m;
/** A Kubernetes object (or a Helm-rendered one) is never a template, even one that embeds a template in a string. */
const KUBERNETES = /^apiVersion[ \t]*:/m;

/** JSON: the keys, not preceded by a backslash (a template quoted inside a JSON string is not one). */
const JSON_VERSION = /(?<!\\)"AWSTemplateFormatVersion"\s*:/;
const JSON_RESOURCES = /(?<!\\)"Resources"\s*:\s*\{/;
const JSON_AWS_TYPE = /(?<!\\)"Type"\s*:\s*"AWS::[A-Za-z0-9]+::/;

export function looksLikeTemplate(path: string, head: string): boolean {
  if (!TEMPLATE_NAME.test(path)) return false;
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (/^\s*\{/.test(text)) return JSON_VERSION.test(text) || (JSON_RESOURCES.test(text) && JSON_AWS_TYPE.test(text));
  if (KUBERNETES.test(text)) return false;
  return YAML_VERSION.test(text) || (YAML_RESOURCES.test(text) && YAML_AWS_TYPE.test(text));
}
