using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Waymark.Bench;

/// <summary>Straight-to-the-driver access to the bench server's database, beside the server's own.</summary>
public static class Driver
{
    public static async Task<DbConnection> OpenAsync(BenchServer server)
    {
        DbConnection connection = server.Provider == "postgres"
            ? new NpgsqlConnection(server.ConnectionString)
            : new SqliteConnection(server.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static async Task<long> ScalarAsync(BenchServer server, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(server);
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(BenchServer server, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(server);
        await using var command = Command(connection, sql, parameters);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// What autovacuum and a routine ANALYZE would have done by the time a real backlog is worked
    /// off: dead row versions gone from the indexes, planner statistics current. Not measured.
    /// </summary>
    public static Task SettleAsync(BenchServer server) =>
        ExecuteAsync(server, server.Provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE");

    /// <summary>Transactions that wrote something, cluster-wide, by the next transaction id; PostgreSQL only.</summary>
    public static Task<long> NextTransactionIdAsync(BenchServer server) =>
        ScalarAsync(server, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");

    /// <summary>
    /// Apply transactions that finished a journey's enrollments: every batch stamps its rows with
    /// one <c>updated_at</c>, and a batch takes well over the millisecond that timestamp resolves.
    /// </summary>
    public static Task<long> BatchesAsync(BenchServer server, string journeyId) =>
        ScalarAsync(server, "SELECT COUNT(DISTINCT updated_at) FROM enrollments WHERE journey_id = @journey AND status <> 'active'",
            ("@journey", journeyId));
}
