using Microsoft.EntityFrameworkCore;
using Waymark.Domain;
using Waymark.Domain.Definitions;
using Waymark.Server.Decisioning;
using Waymark.Server.Persistence;

namespace Waymark.Server.Journeys;

/// <summary>
/// The part of activation that needs the database (SPEC §3): channels named by id and decision
/// flows named by an nba_decision step must exist in the tenant.
/// </summary>
public static class JourneyReferences
{
    public static async Task<IReadOnlyList<Problem>> CheckAsync(WaymarkDbContext db, string tenant, JourneyDefinition definition, CancellationToken ct)
    {
        var channelRefs = definition.Nodes.Select(NodeConfig.ChannelId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var flowRefs = definition.Nodes.Where(n => n.Type == NodeTypes.NbaDecision).Select(NodeConfig.DecisionFlowId)
            .Distinct(StringComparer.Ordinal).ToList();
        var channels = channelRefs.Count == 0 ? [] : await db.Channels.AsNoTracking()
            .Where(c => c.TenantId == tenant && channelRefs.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var flows = flowRefs.Count == 0 ? new HashSet<string>() : await DecisionBatch.ExistingFlowRefsAsync(db, tenant, flowRefs, ct);

        var problems = new List<Problem>();
        for (var i = 0; i < definition.Nodes.Count; i++)
        {
            var node = definition.Nodes[i];
            if (node.Type == NodeTypes.ChannelAction && NodeConfig.ChannelId(node) is { } channel && !channels.Contains(channel))
            {
                problems.Add(new Problem($"definition.nodes[{i}].config.channelId", $"'{channel}' is not a channel of this tenant (node '{node.Id}')"));
            }
            if (node.Type == NodeTypes.NbaDecision && NodeConfig.DecisionFlowId(node) is var flow && !flows.Contains(flow))
            {
                problems.Add(new Problem($"definition.nodes[{i}].config.decisionFlowId", $"'{flow}' is not a decision flow of this tenant (node '{node.Id}')"));
            }
        }
        return problems;
    }
}
