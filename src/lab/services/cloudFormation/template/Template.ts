// The shapes of a parsed CloudFormation template (long intrinsic form; values stay untyped JSON).

export type TemplateValue = unknown;

export interface TemplateParameter {
  Type?: string;
  Default?: unknown;
  Description?: string;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinValue?: number | string;
  MaxValue?: number | string;
  MinLength?: number | string;
  MaxLength?: number | string;
  NoEcho?: boolean | string;
  ConstraintDescription?: string;
}

export interface TemplateResource {
  Type?: string;
  Properties?: Record<string, TemplateValue>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  Metadata?: unknown;
}

export interface TemplateOutput {
  Value?: TemplateValue;
  Description?: string;
  Condition?: string;
  Export?: { Name?: TemplateValue };
}

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: unknown;
  Parameters?: Record<string, TemplateParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, TemplateValue>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
  Transform?: unknown;
}
