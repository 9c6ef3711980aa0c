using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Customers;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

public static class DeliveriesEndpoints
{
    /// <summary>The deliveries API, and the customer inbox that in-app deliveries land in.</summary>
    public static RouteGroupBuilder MapDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deliveries").WithTags("Deliveries");

        group.MapGet("/", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<DeliveryView>>().WithSummary("List deliveries, newest first");
        group.MapGet("/{id}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<DeliveryDetailView>().WithSummary("Get a delivery with every attempt");
        group.MapPost("/{id}/retry", Retry).RequireRole(AuthSetup.EditorPolicy)
            .Produces<DeliveryView>(StatusCodes.Status202Accepted).ProducesErrors(409).WithSummary("Send a failed delivery again");

        app.MapGet("/api/v1/customers/{customerId}/inbox", Inbox).WithTags("Customers").RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<InboxMessageView>>().WithSummary("A customer's in-app messages, newest first");
        return group;
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db, string? journeyId, string? customerId, string? channelId, string? channelType, string? status)
    {
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (status is not null && !DeliveryStatus.IsKnown(status)) problems.Add("status", $"must be one of {string.Join(", ", DeliveryStatus.All)}");
        if (channelType is not null && !ChannelTypes.IsKnown(channelType)) problems.Add("channelType", $"must be one of {string.Join(", ", ChannelTypes.All)}");
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.Deliveries.AsNoTracking().Where(d => d.TenantId == tenant);
        if (journeyId is not null) query = query.Where(d => d.JourneyId == journeyId);
        if (customerId is not null) query = query.Where(d => d.CustomerId == customerId);
        if (channelId is not null) query = query.Where(d => d.ChannelId == channelId);
        if (channelType is not null) query = query.Where(d => d.ChannelType == channelType);
        if (status is not null) query = query.Where(d => d.Status == status);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<DeliveryView>(rows.ConvertAll(DeliveryView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id)
    {
        var tenant = http.TenantId();
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.TenantId == tenant, http.RequestAborted);
        if (delivery is null) return DeliveryNotFound(id);
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == id).ToListAsync(http.RequestAborted);
        return Results.Ok(DeliveryDetailView.From(delivery, attempts));
    }

    private static async Task<IResult> Retry(HttpContext http, WaymarkDbContext db, TimeProvider clock, DispatchSignal dispatch, string id)
    {
        var tenant = http.TenantId();
        var now = clock.UtcNow();
        // Guarded by the status, so two retry calls (or a retry racing the dispatcher) move it once.
        var moved = await db.Deliveries
            .Where(d => d.Id == id && d.TenantId == tenant && d.Status == DeliveryStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.DueAt, now)
                .SetProperty(d => d.Reason, (string?)null)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseUntil, (DateTime?)null)
                .SetProperty(d => d.UpdatedAt, now), http.RequestAborted);
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.TenantId == tenant, http.RequestAborted);
        if (delivery is null) return DeliveryNotFound(id);
        if (moved == 0) return ApiError.Conflict($"only a failed delivery can be retried; this one is {delivery.Status}");
        dispatch.Notify();
        return Results.Accepted($"/api/v1/deliveries/{id}", DeliveryView.From(delivery));
    }

    private static async Task<IResult> Inbox(HttpContext http, WaymarkDbContext db, string customerId)
    {
        customerId = CustomerIds.FromPath(customerId);
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (CustomerIds.Problem(customerId) is { } problem) problems.Add("customerId", problem);
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.InboxMessages.AsNoTracking().Where(m => m.TenantId == tenant && m.CustomerId == customerId);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<InboxMessageView>(rows.ConvertAll(InboxMessageView.From), PageInfo.Of(total, paging)));
    }

    public static ApiError DeliveryNotFound(string id) => ApiError.NotFound($"delivery '{id}' not found");
}
