using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Parsed definitions by (journey, version). A version never changes once written, so entries
/// never go stale; a deleted journey's entries are simply no longer asked for.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<(string JourneyId, int Version), JourneyDefinition> _definitions = new();

    public async Task<IReadOnlyDictionary<(string JourneyId, int Version), JourneyDefinition>> GetAsync(
        WaymarkDbContext db, IEnumerable<(string JourneyId, int Version)> wanted, CancellationToken ct)
    {
        var keys = wanted.Distinct().ToList();
        var missing = keys.Where(k => !_definitions.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            var journeyIds = missing.Select(k => k.JourneyId).Distinct().ToList();
            var versions = missing.Select(k => k.Version).Distinct().ToList();
            var rows = await db.JourneyVersions.AsNoTracking()
                .Where(v => journeyIds.Contains(v.JourneyId) && versions.Contains(v.Version))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                _definitions.TryAdd((row.JourneyId, row.Version), JourneyStore.ParseDefinition(row.Definition));
            }
        }
        var found = new Dictionary<(string, int), JourneyDefinition>(keys.Count);
        foreach (var key in keys)
        {
            if (_definitions.TryGetValue(key, out var definition)) found[key] = definition;
        }
        return found;
    }
}
