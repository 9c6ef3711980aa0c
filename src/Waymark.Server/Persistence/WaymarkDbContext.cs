using Microsoft.EntityFrameworkCore;

namespace Waymark.Server.Persistence;

/// <summary>The model, shared by both providers. Each provider has a subclass that owns its migrations.</summary>
public abstract partial class WaymarkDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<JourneyVersion> JourneyVersions => Set<JourneyVersion>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<EnrollmentStep> EnrollmentSteps => Set<EnrollmentStep>();
    public DbSet<JourneyCounters> JourneyCounters => Set<JourneyCounters>();
    public DbSet<NodeCounter> NodeCounters => Set<NodeCounter>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerEvent> Events => Set<CustomerEvent>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<DecisionFlow> DecisionFlows => Set<DecisionFlow>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ServerSetting> ServerSettings => Set<ServerSetting>();

    /// <summary>The SQL dialect of the provider, for the batch statements EF cannot express.</summary>
    public abstract SqlDialect Dialect { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Journey>(e =>
        {
            e.ToTable("journeys");
            e.HasKey(j => j.Id);
            e.Property(j => j.Name).HasMaxLength(255);
            e.Property(j => j.Description).HasMaxLength(2000);
            e.Property(j => j.Status).HasMaxLength(16);
            // Two writers changing one journey's definition or status: the second gets a conflict
            // instead of a lost version or a transition made from a status it no longer has.
            e.Property(j => j.Version).IsConcurrencyToken();
            e.Property(j => j.Status).IsConcurrencyToken();
            // Listing: newest first, ties by id, optionally filtered by status.
            e.HasIndex(j => new { j.TenantId, j.CreatedAt, j.Id });
            e.HasIndex(j => new { j.TenantId, j.Status, j.CreatedAt, j.Id });
            // An event finds the active journeys it enters customers into.
            e.HasIndex(j => new { j.TenantId, j.EntryEvent, j.Status });
        });

        modelBuilder.Entity<JourneyVersion>(e =>
        {
            e.ToTable("journey_versions");
            e.HasKey(v => new { v.JourneyId, v.Version });
            e.HasOne<Journey>().WithMany().HasForeignKey(v => v.JourneyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Enrollment>(e =>
        {
            e.ToTable("enrollments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
            // At most one active enrollment per customer and journey: concurrent enrolls cannot double it.
            e.HasIndex(x => new { x.TenantId, x.JourneyId, x.CustomerId })
                .IsUnique()
                .HasFilter("status = 'active'")
                .HasDatabaseName("ux_enrollments_active_customer");
            // Enrollment listings: newest first, ties by id, with or without a status filter.
            e.HasIndex(x => new { x.JourneyId, x.EnrolledAt, x.Id });
            e.HasIndex(x => new { x.JourneyId, x.Status, x.EnrolledAt, x.Id });
            e.HasIndex(x => new { x.TenantId, x.CustomerId });
            // Due work for the scheduler is found by indexed time columns, never by scanning.
            e.HasIndex(x => x.ResumeAt).HasFilter("status = 'active' AND resume_at IS NOT NULL");
            e.HasIndex(x => x.ExpiresAt).HasFilter("status = 'active'");
        });

        modelBuilder.Entity<EnrollmentStep>(e =>
        {
            e.ToTable("enrollment_steps");
            e.HasKey(s => new { s.EnrollmentId, s.Sequence });
            e.HasOne<Enrollment>().WithMany().HasForeignKey(s => s.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<JourneyCounters>(e =>
        {
            e.ToTable("journey_counters");
            e.HasKey(c => c.JourneyId);
            e.HasOne<Journey>().WithOne().HasForeignKey<JourneyCounters>(c => c.JourneyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NodeCounter>(e =>
        {
            e.ToTable("node_counters");
            e.HasKey(c => new { c.JourneyId, c.NodeId });
            e.HasOne<Journey>().WithMany().HasForeignKey(c => c.JourneyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.HasKey(c => new { c.TenantId, c.CustomerId });
        });

        modelBuilder.Entity<CustomerEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.TenantId, x.EventId }).IsUnique().HasFilter("event_id IS NOT NULL");
            e.HasIndex(x => new { x.TenantId, x.CustomerId, x.OccurredAt });
        });

        OnDecisioningModel(modelBuilder);
        OnDeliveryModel(modelBuilder);

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasIndex(k => new { k.TenantId, k.CreatedAt });
        });

        modelBuilder.Entity<ServerSetting>(e =>
        {
            e.ToTable("server_settings");
            e.HasKey(s => s.Key);
        });

        UseSnakeCaseColumns(modelBuilder);
    }

    // Plain lower-case names keep the hand-written batch SQL free of quoting on both providers.
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
