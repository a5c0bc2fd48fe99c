// A template that cannot be evaluated: the message is what CloudFormation would show after "Template error: ".
export class TemplateError extends Error {}
