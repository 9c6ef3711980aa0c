using Npgsql;

namespace Waymark.Server.Tests.Infrastructure;

public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Serves_queries_on_a_database_created_for_the_test()
    {
        var cluster = await SharedClusterOrSkip();
        var database = NewDatabaseName();
        await cluster.CreateDatabaseAsync(database);
        try
        {
            var version = await ScalarAsync<string>(cluster.ConnectionString(database), "select version()");

            Assert.Contains("PostgreSQL", version, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Copies_a_template_database_with_its_schema_and_rows()
    {
        var cluster = await SharedClusterOrSkip();
        var template = NewDatabaseName();
        var copy = NewDatabaseName();
        await cluster.CreateDatabaseAsync(template);
        try
        {
            await ScalarAsync<int>(cluster.ConnectionString(template), "create table marks (id int); insert into marks values (7); select 1");
            await cluster.CreateDatabaseAsync(copy, template);

            Assert.Equal(7, await ScalarAsync<int>(cluster.ConnectionString(copy), "select id from marks"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(copy);
            await cluster.DropDatabaseAsync(template);
        }
    }

    [Fact]
    public async Task Drops_a_database_that_still_has_an_open_connection()
    {
        var cluster = await SharedClusterOrSkip();
        var database = NewDatabaseName();
        await cluster.CreateDatabaseAsync(database);
        await using var open = new NpgsqlConnection(cluster.ConnectionString(database));
        await open.OpenAsync(TestContext.Current.CancellationToken);

        await cluster.DropDatabaseAsync(database);

        var exists = await ScalarAsync<bool>(cluster.ConnectionString("postgres"),
            $"select exists (select from pg_database where datname = '{database}')");
        Assert.False(exists);
    }

    private static async Task<PostgresCluster> SharedClusterOrSkip()
    {
        try
        {
            return await PostgresCluster.Shared;
        }
        catch (PostgresUnavailableException e)
        {
            Databases.SkipUnlessAvailable(e.Message);
            throw;
        }
    }

    private static string NewDatabaseName() => $"cluster_test_{Guid.NewGuid():N}";

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
