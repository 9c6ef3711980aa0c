using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Persistence;

public abstract class MigrationTests(TestApp app)
{
    private const string ActiveCustomerIndex = "ux_enrollments_active_customer";

    [Fact]
    public void The_model_has_no_change_without_a_migration()
    {
        using WaymarkDbContext context = app.Provider == Databases.Postgres
            ? new PostgresDesignTimeFactory().CreateDbContext([])
            : new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"the {app.Provider} model differs from its snapshot: add a migration for the change");
    }

    [Fact]
    public async Task A_started_server_has_applied_every_migration()
    {
        Databases.SkipUnlessAvailable(app.UnavailableReason);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_migrations_create_every_table_of_the_model()
    {
        Databases.SkipUnlessAvailable(app.UnavailableReason);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var tables = app.Provider == Databases.Postgres
            ? await db.Database.SqlQuery<string>($"SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = 'public'").ToListAsync()
            : await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();

        var missing = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Except(tables).ToList();
        Assert.True(missing.Count == 0, $"the migrations do not create: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_active_enrollment_index_is_unique_and_partial()
    {
        Databases.SkipUnlessAvailable(app.UnavailableReason);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var definition = app.Provider == Databases.Postgres
            ? await db.Database.SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {ActiveCustomerIndex}").SingleOrDefaultAsync()
            : await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'index' AND name = {ActiveCustomerIndex}").SingleOrDefaultAsync();

        Assert.True(definition is not null, $"the index {ActiveCustomerIndex} does not exist");
        Assert.Contains("UNIQUE INDEX", definition, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WHERE", definition, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("active", definition, StringComparison.Ordinal);
    }
}

public sealed class MigrationOnSqlite(SqliteApp app) : MigrationTests(app);

public sealed class MigrationOnPostgres(PostgresApp app) : MigrationTests(app);
