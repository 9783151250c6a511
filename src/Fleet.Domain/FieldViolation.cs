namespace Fleet.Domain;

/// <summary>One broken rule of a request: the field (as its proto path, e.g. "spec.resources.memory_bytes") and what is wrong.</summary>
public sealed record FieldViolation(string Field, string Description);
