using Microsoft.EntityFrameworkCore;

namespace Waymark.Server.Persistence;

public abstract partial class WaymarkDbContext
{
    private static void OnDecisioningModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Offer>(e =>
        {
            e.ToTable("offers");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(255);
            e.Property(o => o.Status).HasMaxLength(16);
            e.HasIndex(o => new { o.TenantId, o.CreatedAt, o.Id });
            e.HasIndex(o => new { o.TenantId, o.Status });
        });

        modelBuilder.Entity<DecisionFlow>(e =>
        {
            e.ToTable("decision_flows");
            e.HasKey(f => f.Id);
            e.HasIndex(f => new { f.TenantId, f.Key }).IsUnique();
            e.HasIndex(f => new { f.TenantId, f.CreatedAt, f.Id });
        });

        modelBuilder.Entity<Decision>(e =>
        {
            e.ToTable("decisions");
            e.HasKey(d => d.Id);
            // The contact policy: was this offer made to this customer within the last N hours?
            e.HasIndex(d => new { d.TenantId, d.CustomerId, d.OfferId, d.CreatedAt });
        });
    }

    private static void OnDeliveryModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Channel>(e =>
        {
            e.ToTable("channels");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(255);
            e.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.ChannelType, c.Status });
            e.HasIndex(c => new { c.TenantId, c.CreatedAt, c.Id });
        });

        modelBuilder.Entity<Delivery>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.Status).HasMaxLength(16);
            e.HasIndex(d => d.IdempotencyKey).IsUnique();
            // Due work for the dispatcher, found by an indexed time like the scheduler's.
            e.HasIndex(d => d.DueAt).HasFilter("status = 'pending'");
            e.HasIndex(d => new { d.TenantId, d.CreatedAt, d.Id });
            // Frequency caps count a customer's recent deliveries per channel.
            e.HasIndex(d => new { d.TenantId, d.CustomerId, d.ChannelType, d.SentAt });
        });

        modelBuilder.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("delivery_attempts");
            e.HasKey(a => new { a.DeliveryId, a.Attempt });
            e.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.DeliveryId).IsUnique();
            e.HasIndex(m => new { m.TenantId, m.CustomerId, m.CreatedAt });
        });
    }
}
