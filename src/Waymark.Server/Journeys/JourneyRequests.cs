using System.Text.Json;

namespace Waymark.Server.Journeys;

// Request contracts as the OpenAPI document shows them. Bodies are read field by field
// (JourneyInput) so that each wrong field gets its own message; these records only describe them.

/// <param name="Name">1–255 characters.</param>
/// <param name="Description">At most 2000 characters.</param>
/// <param name="MaxDurationDays">1–365, default 30.</param>
/// <param name="EntryCondition">For example {"event": "account_created"}.</param>
/// <param name="Definition">Nodes and edges; default {"nodes": [], "edges": []}.</param>
public sealed record CreateJourneyRequest(
    string Name,
    string? Description,
    int? MaxDurationDays,
    JsonElement? EntryCondition,
    DefinitionDocument? Definition);

/// <param name="Status">draft, active, paused or archived.</param>
public sealed record UpdateJourneyRequest(
    string? Name,
    string? Description,
    string? Status,
    int? MaxDurationDays,
    JsonElement? EntryCondition,
    DefinitionDocument? Definition);

/// <summary>A journey graph (SPEC §3). Other keys on nodes and edges are kept verbatim.</summary>
public sealed record DefinitionDocument(IReadOnlyList<NodeDocument> Nodes, IReadOnlyList<EdgeDocument> Edges);

/// <param name="Type">entry_trigger, wait, condition_split, nba_decision, channel_action or exit.</param>
public sealed record NodeDocument(string Id, string Type, JsonElement? Config, JsonElement? Position);

/// <param name="SourceHandle">"true" or "false" on edges out of a condition_split.</param>
public sealed record EdgeDocument(string? Id, string Source, string Target, string? SourceHandle);
