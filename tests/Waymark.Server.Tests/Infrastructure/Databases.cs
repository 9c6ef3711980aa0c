namespace Waymark.Server.Tests.Infrastructure;

/// <summary>Where a test app keeps its data: a fresh SQLite file, or a fresh database on the shared PostgreSQL cluster.</summary>
public static class Databases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string NewSqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "waymark-tests");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}";
    }

    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var cluster = await PostgresCluster.Shared;
        var name = $"waymark_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(name);
        return cluster.ConnectionString(name);
    }

    /// <summary>
    /// Outside CI a machine without PostgreSQL skips the PostgreSQL tests with the reason;
    /// under CI=true it fails them, so a broken set-up cannot pass as green.
    /// </summary>
    public static void SkipUnlessAvailable(string? unavailableReason)
    {
        if (unavailableReason is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"PostgreSQL is required under CI: {unavailableReason}");
        }
        Assert.Skip($"PostgreSQL is not available here: {unavailableReason}");
    }
}
