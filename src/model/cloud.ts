/**
 * Cloud infrastructure as code (issue 3). Three front ends (Terraform HCL and `.tf.json`,
 * Terraform plan JSON, CloudFormation) turn files into `CloudResource`s with their values
 * evaluated as far as they can be known statically. Provider extractors (AWS, GCP, Azure) turn
 * resources into subjects for the rules, audit streams, the stores they land in, and detections.
 * The linker (`src/estate/link-cloud.ts`) joins streams to stores and makes them log sources.
 */
import type { Detection, SinkKind } from './estate.js';
import type { Unknown } from './pipeline.js';
import type { Subject } from './subject.js';
import type { Area, Location } from './vocabulary.js';

/**
 * A value that cannot be known statically: a variable without a value, a computed attribute
 * (`aws_s3_bucket.logs.arn`), a remote module's output, a function ztmm does not evaluate. `refs`
 * holds the addresses of the resources the expression refers to (in the same stack), so a link
 * can still follow `s3_bucket_name = aws_s3_bucket.logs.id`.
 */
export class Unresolved {
  constructor(
    readonly reason: string,
    readonly refs: readonly string[] = [],
  ) {}
}

export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

/**
 * A static value: JSON data, or `Unresolved` anywhere inside. Terraform nested blocks are arrays of
 * objects (`event_selector: [{ read_write_type: 'All', data_resource: [{...}] }]`), as in plan JSON.
 * Objects built from input are created with `Object.create(null)` or are plain objects whose keys
 * were checked; never trust `__proto__`.
 */
export type IacValue = string | number | boolean | null | Unresolved | IacValue[] | { [key: string]: IacValue };

export type IacSource = 'terraform' | 'terraform-plan' | 'cloudformation';

export interface CloudResource {
  /**
   * The address rules name as the finding's subject: `aws_cloudtrail.main`,
   * `aws_flow_log.vpc["a"]`, `module.logs.aws_s3_bucket.this[0]`; CloudFormation
   * `AWS::CloudTrail::Trail/Trail` (type / logical id).
   */
  address: string;
  /** `aws_cloudtrail`, `google_logging_project_sink`, `azurerm_monitor_diagnostic_setting`, `AWS::CloudTrail::Trail` */
  type: string;
  /** The resource's own name (Terraform name, CloudFormation logical id), without module path or instance key. */
  name: string;
  source: IacSource;
  /**
   * What references resolve within: the Terraform root module's directory, the plan file or the
   * template file. A `Unresolved.refs` address is only looked up among resources of the same stack.
   */
  stack: string;
  /** The file the resource is declared in (for a module instance: the module's file). */
  path: string;
  /**
   * Attributes and nested blocks, evaluated: Terraform arguments (snake_case); for CloudFormation
   * the resource's `Properties` as written (`IsLogging`, `LifecycleConfiguration`, ...).
   */
  values: Record<string, IacValue>;
  /** Where the resource is declared (the block header, the logical id). */
  at: Location;
  /**
   * Where attributes are written, by dotted path without block indices
   * (`event_selector.data_resource.type`; CloudFormation `IsLogging`, without `Properties.`); fall back to `at`.
   * For a module instance the location of a value passed in by the caller may be the caller's line.
   */
  locations: Record<string, Location>;
  /** True, or why its existence is unknown (`count = var.enabled` without a value, a CloudFormation condition on a parameter). */
  exists: true | Unresolved;
}

/** One Terraform file, parsed but not evaluated: its directory is evaluated as a whole. */
export interface TerraformFileData {
  /** Posix path relative to the scan root. */
  path: string;
  /**
   * `config`: `.tf` / `.tf.json`; `vars`: a variables file Terraform loads by itself
   * (`terraform.tfvars`, `*.auto.tfvars`, and their `.json` forms); `other-vars`: any other
   * `.tfvars`, which only `-var-file` loads (read, never applied).
   */
  role: 'config' | 'vars' | 'other-vars';
  /**
   * Set when the file is named by `--var-file`: its position among those named. Such a file is
   * applied, like `terraform -var-file`, to the root module in its own folder, after
   * `terraform.tfvars` and `*.auto.tfvars`, in the order given.
   */
  varFile?: number;
  /** The file in Terraform's JSON syntax (the parser's output, or the `.tf.json` document itself). */
  body: unknown;
  /**
   * Where blocks and attributes are written: `resource.aws_s3_bucket.logs`,
   * `resource.aws_s3_bucket.logs.lifecycle_rule.expiration.days`, `variable.retention`,
   * `locals.retention`, `module.trail`, `module.trail.bucket`; for vars files the variable name.
   */
  locations: Record<string, Location>;
}

/** What one scanned file holds for the cloud front ends (carried on `ConfigRead.cloud`). */
export type CloudFileRead =
  /** A Terraform file: evaluated later with the rest of its directory and the modules it calls. */
  | { format: 'terraform-file'; file: TerraformFileData }
  /** A plan JSON or CloudFormation template: complete in itself. */
  | { format: 'resources'; resources: CloudResource[] };

/** Where an audit stream's events are kept: a bucket, a log group, a workspace, a log bucket. */
export interface CloudStore {
  /** The store resource's address (stack-qualified ids are built by the linker). */
  address: string;
  stack: string;
  path: string;
  kind: SinkKind;
  /**
   * Literal names that identify the store when another resource names it instead of referring to
   * it: a bucket name and its ARN, a log group name and ARN, a workspace resource id. Compared after
   * trimming `arn:aws:s3:::`, a trailing `/*`, `:*` or `/prefix`.
   */
  keys: string[];
  /** Days the store keeps events before deleting them (the longest lifecycle that deletes); null when unknown. */
  retentionDays: number | null;
  /** True when the store never deletes (no expiration, a log group without retention). */
  unbounded: boolean | null;
  /** Days kept in hot (immediately searchable) storage before a transition to cold, when known. */
  hotDays?: number | null;
  /** Write-once: S3 Object Lock, a locked GCS retention policy or log bucket, Azure immutability. */
  immutable: boolean | null;
  /** Encrypted with a customer-managed key (KMS, CMEK, customer-managed key). */
  encrypted: boolean | null;
  declaredAt: Location;
  /** Where `retentionDays`, `unbounded`, `immutable`, `encrypted` are decided. */
  locations: Record<string, Location>;
  /** Why a fact above is null. */
  unknown: Record<string, string>;
}

/** A cloud audit stream: a trail, flow logs, a diagnostic setting, a sink, a service's logs. */
export interface CloudStream {
  /** The producing resource's address; the linker puts the delivery facts on the subject with this id and path. */
  address: string;
  stack: string;
  path: string;
  /** `aws-cloudtrail`, `aws-vpc-flow-logs`, `aws-eks-control-plane`, `gcp-audit-logs`, `azure-diagnostics`, ... */
  system: string;
  pillars: Area[];
  /**
   * The destinations as written (`s3_bucket_name`, `cloud_watch_logs_group_arn`, `destination`,
   * `workspace_id`): a reference (Unresolved with refs) or a literal name / ARN / id.
   */
  destinations: IacValue[];
  declaredAt: Location;
  /** Where each destination is written, in the order of `destinations`. */
  destinationLocations: Location[];
  /**
   * The kind of each destination when the argument says it (a trail's second destination is a
   * CloudWatch log group), so that a destination outside the scan still settles what its kind
   * does: a CloudWatch log group is never write-once.
   */
  destinationKinds?: (SinkKind | null)[];
}

/** What one provider extractor makes of the resources of a scan. */
export interface CloudExtraction {
  subjects: Subject[];
  streams: CloudStream[];
  stores: CloudStore[];
  detections: Detection[];
  /** Resources or values the extractor saw and could not judge (a dynamic block, an unknown mode). */
  unknowns: Unknown[];
}

export interface CloudExtractor {
  provider: 'aws' | 'gcp' | 'azure';
  /** A short name for messages and tests: `aws-core`, `aws-services`, `gcp`, `azure`. */
  name: string;
  /**
   * Reads every resource it knows (all stacks of the scan, each resource once; it ignores types it
   * does not know). Pure; never throws.
   */
  extract(resources: readonly CloudResource[]): CloudExtraction;
}

export function emptyExtraction(): CloudExtraction {
  return { subjects: [], streams: [], stores: [], detections: [], unknowns: [] };
}
