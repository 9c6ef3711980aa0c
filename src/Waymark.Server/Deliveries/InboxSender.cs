using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>In-app deliveries: a row in the customer's inbox, unique per delivery, so sending again adds nothing.</summary>
public static class InboxSender
{
    public static async Task<SendResult> SendAsync(WaymarkDbContext db, OutgoingMessage m, TimeProvider clock, CancellationToken ct)
    {
        var d = m.Delivery;
        var id = Ids.New("msg", clock);
        var now = clock.UtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO inbox_messages (id, tenant_id, customer_id, delivery_id, subject, body, offer_id, created_at)
            VALUES ({id}, {d.TenantId}, {d.CustomerId}, {d.Id}, {m.Message.Subject}, {m.Message.Body}, {d.OfferId}, {now})
            ON CONFLICT (delivery_id) DO NOTHING
            """, ct);
        return SendResult.Sent(null);
    }
}
