namespace Waymark.Domain.Definitions;

// SourceHandle is "true" or "false" on edges out of a condition_split and null elsewhere.
public sealed record Edge(string? Id, string Source, string Target, string? SourceHandle);
