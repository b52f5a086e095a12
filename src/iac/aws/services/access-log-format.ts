/**
 * What an API Gateway access log format carries: whether it is structured (a JSON or XML
 * template) and which `$context` variables it writes — a request id, the caller's address, who
 * the caller was, and the response status are what an investigator needs to follow a request.
 */
export interface FormatFacts {
  kind: 'json' | 'xml' | 'csv' | 'text';
  structured: boolean;
  fields: string[];
  requestId: boolean;
  sourceIp: boolean;
  identity: boolean;
  status: boolean;
}

const CONTEXT_VARIABLE = /\$context\.([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_-]*)*)/g;
/** Variables that name the caller (IAM, Cognito, API key, a Lambda or JWT authorizer's principal). */
const IDENTITY = /^(identity\.(caller|user|userArn|cognitoIdentityId|cognitoIdentityPoolId|accountId|apiKeyId|principalOrgId|clientCert\.subjectDN)|authorizer\.(principalId|claims\..+|.+))$/;

export function formatFacts(format: string): FormatFacts {
  const text = format.length > 10_000 ? format.slice(0, 10_000) : format;
  const trimmed = text.trim();
  const fields = [...new Set([...text.matchAll(CONTEXT_VARIABLE)].map((m) => m[1] ?? ''))].filter((f) => f !== '').sort();
  let kind: FormatFacts['kind'] = 'text';
  if (trimmed.startsWith('{') && parsesAsJson(trimmed)) kind = 'json';
  else if (trimmed.startsWith('<')) kind = 'xml';
  else if (/^\$context\.[^\s,]+(,\s*\$context\.[^\s,]+)+$/.test(trimmed)) kind = 'csv';
  return {
    kind,
    structured: kind === 'json' || kind === 'xml',
    fields,
    requestId: fields.some((f) => f === 'requestId' || f === 'extendedRequestId'),
    sourceIp: fields.includes('identity.sourceIp'),
    identity: fields.some((f) => IDENTITY.test(f)),
    status: fields.includes('status'),
  };
}

/**
 * A JSON template whose values are `$context` variables is JSON once the variables are replaced;
 * unquoted variables (`"status": $context.status`) are replaced by a number here to check that.
 */
function parsesAsJson(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text.replace(CONTEXT_VARIABLE, '0'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
