using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

/// <summary>Reads and writes customer profiles. Writes are single statements, safe under concurrency.</summary>
public static class CustomerStore
{
    /// <summary>The attributes of those of <paramref name="customerIds"/> that have a profile, in one query.</summary>
    public static async Task<Dictionary<string, JsonElement>> LoadAttributesAsync(
        WaymarkDbContext db, string tenantId, IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        var found = new Dictionary<string, JsonElement>(customerIds.Count, StringComparer.Ordinal);
        if (customerIds.Count == 0) return found;
        var ids = customerIds.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && ids.Contains(c.CustomerId))
            .Select(c => new { c.CustomerId, c.Attributes })
            .ToListAsync(ct);
        foreach (var row in rows) found[row.CustomerId] = JourneyStore.ParseJson(row.Attributes);
        return found;
    }

    public static Task<Customer?> FindAsync(WaymarkDbContext db, string tenantId, string customerId, CancellationToken ct) =>
        db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.CustomerId == customerId, ct);

    /// <summary>Creates the profile unless it exists; false when it already did.</summary>
    public static async Task<bool> TryCreateAsync(WaymarkDbContext db, Customer customer, CancellationToken ct)
    {
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customers (tenant_id, customer_id, attributes, created_at, updated_at)
            VALUES ({customer.TenantId}, {customer.CustomerId}, {customer.Attributes}, {customer.CreatedAt}, {customer.UpdatedAt})
            ON CONFLICT (tenant_id, customer_id) DO NOTHING
            """, ct);
        return inserted == 1;
    }

    /// <summary>
    /// Replaces the attributes of an existing profile; false when it is gone, or when
    /// <paramref name="expected"/> is given and the stored attributes are no longer that text.
    /// </summary>
    public static async Task<bool> TryReplaceAsync(
        WaymarkDbContext db, string tenantId, string customerId, string attributes, string? expected, DateTime now, CancellationToken ct)
    {
        var query = db.Customers.Where(c => c.TenantId == tenantId && c.CustomerId == customerId);
        if (expected is not null) query = query.Where(c => c.Attributes == expected);
        var updated = await query.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Attributes, attributes)
            .SetProperty(c => c.UpdatedAt, now), ct);
        return updated == 1;
    }

    /// <summary>Creates or replaces every profile in one statement; the ids must be distinct.</summary>
    public static async Task UpsertAsync(
        WaymarkDbContext db, string tenantId, IReadOnlyList<(string CustomerId, string Attributes)> customers, DateTime now, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var rows = customers.Select(c => new[] { c.CustomerId, c.Attributes }).ToList();
            var source = db.Dialect.Rows(command, "r", ["customer_id", "attributes"], rows);
            command.CommandText = $"""
                INSERT INTO customers (tenant_id, customer_id, attributes, created_at, updated_at)
                SELECT @tenant, r.customer_id, r.attributes, @now, @now FROM {source} WHERE true
                ON CONFLICT (tenant_id, customer_id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at
                """;
            SqlDialect.AddParameter(command, "@tenant", tenantId);
            SqlDialect.AddParameter(command, "@now", now);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
