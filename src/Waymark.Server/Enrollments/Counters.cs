using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>
/// The analytics counters. Always changed inside the transaction that makes the change they
/// count, so they never drift from the enrollments and history.
/// </summary>
public static class Counters
{
    public static async Task AddEntriesAsync(DbConnection connection, IDbContextTransaction transaction,
        string journeyId, string entryNodeId, int count, CancellationToken ct)
    {
        await using var command = Command(connection, transaction);
        command.CommandText = """
            UPDATE journey_counters SET total_entries = total_entries + @n, active = active + @n WHERE journey_id = @journey;
            INSERT INTO node_counters (journey_id, node_id, reached, dropoff) VALUES (@journey, @node, @n, 0)
            ON CONFLICT (journey_id, node_id) DO UPDATE SET reached = node_counters.reached + excluded.reached;
            """;
        SqlDialect.AddParameter(command, "@journey", journeyId);
        SqlDialect.AddParameter(command, "@node", entryNodeId);
        SqlDialect.AddParameter(command, "@n", (long)count);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Enrollments left the journey: <paramref name="byNode"/> says where each group stood.</summary>
    public static async Task AddExitsAsync(DbConnection connection, IDbContextTransaction transaction,
        string journeyId, IReadOnlyDictionary<string, long> byNode, CancellationToken ct)
    {
        var total = byNode.Values.Sum();
        if (total == 0) return;
        await using var command = Command(connection, transaction);
        var text = new System.Text.StringBuilder(
            "UPDATE journey_counters SET active = active - @n, exited = exited + @n WHERE journey_id = @journey;\n");
        SqlDialect.AddParameter(command, "@journey", journeyId);
        SqlDialect.AddParameter(command, "@n", total);
        var i = 0;
        foreach (var (node, count) in byNode)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"INSERT INTO node_counters (journey_id, node_id, reached, dropoff) VALUES (@journey, @node{i}, 0, @c{i}) ON CONFLICT (journey_id, node_id) DO UPDATE SET dropoff = node_counters.dropoff + excluded.dropoff;\n");
            SqlDialect.AddParameter(command, $"@node{i}", node);
            SqlDialect.AddParameter(command, $"@c{i}", count);
            i++;
        }
        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    public static DbCommand Command(DbConnection connection, IDbContextTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        return command;
    }
}
