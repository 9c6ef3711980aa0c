using System.Text.Json;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

public static class CustomersEndpoints
{
    // A failed attempt means another write to the same customer landed in between, so this many
    // attempts survive that many concurrent writers; beyond it the request gives up with a 409.
    private const int MaxAttempts = 10;

    public static RouteGroupBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/customers").WithTags("Customers");

        group.MapPost("/batch", CustomerBatch.Upsert).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CustomerBatchRequest>()
            .Produces<CustomerBatchResult>().WithSummary("Create or replace up to 1000 customers");
        group.MapGet("/{customerId}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<CustomerView>().WithSummary("Get a customer's attributes");
        group.MapPut("/{customerId}", Put).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CustomerRequest>()
            .Produces<CustomerView>().Produces<CustomerView>(StatusCodes.Status201Created).ProducesErrors(409)
            .WithSummary("Create a customer or replace its attributes");
        group.MapPatch("/{customerId}", Patch).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CustomerRequest>()
            .Produces<CustomerView>().Produces<CustomerView>(StatusCodes.Status201Created).ProducesErrors(409)
            .WithSummary("Merge attributes into a customer (JSON merge patch), creating it when missing");
        group.MapDelete("/{customerId}", Delete).RequireRole(AuthSetup.AdminPolicy)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Erase a customer: profile, enrollments with their history, and events");
        return group;
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string customerId)
    {
        customerId = CustomerIds.FromPath(customerId);
        if (CustomerIds.Problem(customerId) is { } problem) return ApiError.Validation("customerId", problem);
        var customer = await CustomerStore.FindAsync(db, http.TenantId(), customerId, http.RequestAborted);
        return customer is null ? CustomerNotFound(customerId) : Results.Ok(CustomerView.From(customer));
    }

    private static async Task<IResult> Put(HttpContext http, WaymarkDbContext db, TimeProvider clock, string customerId)
    {
        customerId = CustomerIds.FromPath(customerId);
        var (attributes, error) = await ReadBodyAsync(http, customerId);
        if (error is not null) return error;
        var replacement = MergePatch.Compact(attributes);
        return await SaveAsync(http, db, clock, customerId, _ => replacement, guarded: false);
    }

    private static async Task<IResult> Patch(HttpContext http, WaymarkDbContext db, TimeProvider clock, string customerId)
    {
        customerId = CustomerIds.FromPath(customerId);
        var (patch, error) = await ReadBodyAsync(http, customerId);
        if (error is not null) return error;
        return await SaveAsync(http, db, clock, customerId,
            current => MergePatch.Apply(current is null ? null : JourneyStore.ParseJson(current), patch), guarded: true);
    }

    private static async Task<IResult> Delete(HttpContext http, WaymarkDbContext db, TimeProvider clock, string customerId)
    {
        customerId = CustomerIds.FromPath(customerId);
        if (CustomerIds.Problem(customerId) is { } problem) return ApiError.Validation("customerId", problem);
        var erased = await CustomerErasure.EraseAsync(db, http.TenantId(), customerId, clock.UtcNow(), http.RequestAborted);
        return erased ? Results.NoContent() : CustomerNotFound(customerId);
    }

    /// <summary>
    /// Creates the customer or replaces its attributes with what <paramref name="attributesFrom"/>
    /// makes of the stored text (null when there is no profile yet). When <paramref name="guarded"/>,
    /// the replacement only lands on the text it was computed from, so concurrent merges lose nothing.
    /// </summary>
    private static async Task<IResult> SaveAsync(HttpContext http, WaymarkDbContext db, TimeProvider clock, string customerId,
        Func<string?, string> attributesFrom, bool guarded)
    {
        var tenant = http.TenantId();
        var ct = http.RequestAborted;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await CustomerStore.FindAsync(db, tenant, customerId, ct);
            var now = clock.UtcNow();
            if (existing is null)
            {
                var created = new Customer { TenantId = tenant, CustomerId = customerId, Attributes = attributesFrom(null), CreatedAt = now, UpdatedAt = now };
                if (await CustomerStore.TryCreateAsync(db, created, ct))
                {
                    return Results.Created($"/api/v1/customers/{Uri.EscapeDataString(customerId)}", CustomerView.From(created));
                }
                continue;
            }
            var attributes = attributesFrom(existing.Attributes);
            if (await CustomerStore.TryReplaceAsync(db, tenant, customerId, attributes, guarded ? existing.Attributes : null, now, ct))
            {
                existing.Attributes = attributes;
                existing.UpdatedAt = now;
                return Results.Ok(CustomerView.From(existing));
            }
        }
        return ApiError.Conflict($"customer '{customerId}' kept changing while this request applied; retry it");
    }

    private static async Task<(JsonElement Attributes, ApiError? Error)> ReadBodyAsync(HttpContext http, string customerId)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return (default, body.Error);
        var fields = new FieldReader(body.Json);
        if (CustomerIds.Problem(customerId) is { } problem) fields.Add("customerId", problem);
        var attributes = ReadAttributes(fields);
        return fields.Valid ? (attributes!.Value, null) : (default, ApiError.Validation(fields.Problems));
    }

    /// <summary>The <c>attributes</c> object of a body; a problem when it is absent or not an object.</summary>
    internal static JsonElement? ReadAttributes(FieldReader fields)
    {
        if (!fields.Has("attributes"))
        {
            fields.Add("attributes", "is required");
            return null;
        }
        return fields.Object("attributes");
    }

    public static ApiError CustomerNotFound(string customerId) => ApiError.NotFound($"customer '{customerId}' not found");
}
