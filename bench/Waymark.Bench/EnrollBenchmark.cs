using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Waymark.Bench;

/// <summary>
/// A 1000-customer enroll request end to end (HTTP, auth, validation, enrollments, entry steps,
/// counters, one transaction) against the same 1000 enrollment rows written straight through the
/// driver in one transaction: a reused prepared INSERT on SQLite, binary COPY on PostgreSQL.
/// The two alternate, so both see the same table size and cache state.
/// </summary>
public static class EnrollBenchmark
{
    public static async Task RunAsync(BenchServer server, int iterations)
    {
        var journeyId = await Journeys.CreateActiveAsync(server.Client, Journeys.FiveNodes, "enroll-bench");
        var api = new List<double>();
        var raw = new List<double>();
        for (var i = -3; i < iterations; i++)
        {
            var batch = Enumerable.Range(0, 1000).Select(c => $"api-{i}-{c}").ToArray();
            var started = Stopwatch.GetTimestamp();
            using var response = await server.Client.PostAsJsonAsync($"/api/v1/journeys/{journeyId}/enroll", new { customerIds = batch });
            var result = await response.Content.ReadFromJsonAsync<EnrollAnswer>();
            var apiMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result?.Enrolled != 1000) throw new InvalidOperationException($"enroll answered {response.StatusCode}: {result}");

            started = Stopwatch.GetTimestamp();
            await RawInsertAsync(server, journeyId, i);
            var rawMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 0) continue; // warm-up
            api.Add(apiMs);
            raw.Add(rawMs);
        }
        var apiStats = new Stats(api);
        var rawStats = new Stats(raw);
        Report.Line(server.Provider, "enroll 1000 via API", apiStats.ToString());
        Report.Line(server.Provider, "insert 1000 via driver", rawStats.ToString());
        Report.Line(server.Provider, "enroll / raw (p50)", $"{apiStats.Median / rawStats.Median:0.00}x");
    }

    private sealed record EnrollAnswer(int Enrolled, int Skipped, int Total);

    private static Task RawInsertAsync(BenchServer server, string journeyId, int iteration) =>
        server.Provider == "postgres"
            ? PostgresCopyAsync(server, journeyId, iteration)
            : SqlitePreparedAsync(server, journeyId, iteration);

    private static async Task SqlitePreparedAsync(BenchServer server, string journeyId, int iteration)
    {
        await using var connection = new SqliteConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO enrollments (id, tenant_id, journey_id, journey_version, customer_id, status,
                                     current_node_id, enrolled_at, expires_at, updated_at, step_count)
            VALUES ($id, $tenant, $journey, 1, $customer, 'active', 'n1', $now, $expires, $now, 1)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var customer = command.Parameters.Add("$customer", SqliteType.Text);
        command.Parameters.AddWithValue("$tenant", server.Tenant);
        command.Parameters.AddWithValue("$journey", journeyId);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expires", now.AddDays(30));
        command.Prepare();
        for (var c = 0; c < 1000; c++)
        {
            id.Value = $"raw-{iteration}-{c}";
            customer.Value = $"raw-{iteration}-{c}";
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static async Task PostgresCopyAsync(BenchServer server, string journeyId, int iteration)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY enrollments (id, tenant_id, journey_id, journey_version, customer_id, status,
                              current_node_id, enrolled_at, expires_at, updated_at, step_count) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var c = 0; c < 1000; c++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync($"raw-{iteration}-{c}", NpgsqlDbType.Text);
                await writer.WriteAsync(server.Tenant, NpgsqlDbType.Text);
                await writer.WriteAsync(journeyId, NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync($"raw-{iteration}-{c}", NpgsqlDbType.Text);
                await writer.WriteAsync("active", NpgsqlDbType.Varchar);
                await writer.WriteAsync("n1", NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now.AddDays(30), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }
}
