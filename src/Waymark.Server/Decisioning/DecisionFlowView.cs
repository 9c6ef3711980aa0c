using System.Text.Json;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Decisioning;

/// <summary>A decision flow as the API shows it. The implicit default-flow has no id and no timestamps.</summary>
public sealed record DecisionFlowView(
    string? Id,
    string Key,
    string Name,
    JsonElement Settings,
    DateTime? CreatedAt,
    DateTime? UpdatedAt)
{
    public static DecisionFlowView Implicit { get; } =
        new(null, DecisionFlows.DefaultKey, DecisionFlows.DefaultName, JourneyStore.ParseJson(DecisionFlows.DefaultSettings), null, null);

    public static DecisionFlowView From(DecisionFlow flow) =>
        new(flow.Id, flow.Key, flow.Name, JourneyStore.ParseJson(flow.Settings), flow.CreatedAt, flow.UpdatedAt);
}
