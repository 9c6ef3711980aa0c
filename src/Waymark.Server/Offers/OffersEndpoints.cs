using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Decisioning;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Offers;

public static class OffersEndpoints
{
    public static RouteGroupBuilder MapOffers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offers").WithTags("Offers");

        group.MapGet("/", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<OfferView>>().WithSummary("List offers, newest first");
        group.MapPost("/", Create).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CreateOfferRequest>()
            .Produces<OfferView>(StatusCodes.Status201Created).WithSummary("Create an offer");
        group.MapGet("/{id}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<OfferView>().WithSummary("Get an offer");
        group.MapPut("/{id}", Update).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<UpdateOfferRequest>()
            .Produces<OfferView>().WithSummary("Update an offer: absent fields are kept");
        group.MapDelete("/{id}", Delete).RequireRole(AuthSetup.AdminPolicy)
            .Produces(StatusCodes.Status204NoContent).WithSummary("Delete an offer (the decisions that named it stay)");
        return group;
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db, string? status, string? category)
    {
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (status is not null && !OfferStatus.IsKnown(status))
        {
            problems.Add("status", $"must be one of {string.Join(", ", OfferStatus.All)}");
        }
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.Offers.AsNoTracking().Where(o => o.TenantId == tenant);
        if (status is not null) query = query.Where(o => o.Status == status);
        if (category is not null) query = query.Where(o => o.Category == category);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<OfferView>(rows.ConvertAll(OfferView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Create(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = OfferInput.Read(body.Json, existing: null);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var now = clock.UtcNow();
        var offer = new Offer
        {
            Id = Ids.New("ofr", clock),
            TenantId = http.TenantId(),
            Name = input.Name!,
            Status = input.Status ?? OfferStatus.Draft,
            Category = input.Category,
            Channels = JsonSerializer.Serialize(input.Channels ?? []),
            Qualification = input.Qualification,
            Propensity = input.Propensity ?? 0.5,
            BusinessValue = input.BusinessValue ?? 0,
            Priority = input.Priority ?? 50,
            StartAt = input.StartAt,
            EndAt = input.EndAt,
            Content = input.Content ?? "{}",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Offers.Add(offer);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Created($"/api/v1/offers/{offer.Id}", OfferView.From(offer));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id)
    {
        var offer = await FindAsync(db, http, id, tracking: false);
        return offer is null ? OfferNotFound(id) : Results.Ok(OfferView.From(offer));
    }

    private static async Task<IResult> Update(HttpContext http, WaymarkDbContext db, TimeProvider clock, string id)
    {
        var offer = await FindAsync(db, http, id, tracking: true);
        if (offer is null) return OfferNotFound(id);
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = OfferInput.Read(body.Json, offer);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        if (input.Name is not null) offer.Name = input.Name;
        if (input.Status is not null) offer.Status = input.Status;
        if (input.HasCategory) offer.Category = input.Category;
        if (input.Channels is not null) offer.Channels = JsonSerializer.Serialize(input.Channels);
        if (input.HasQualification) offer.Qualification = input.Qualification;
        if (input.Propensity is { } propensity) offer.Propensity = propensity;
        if (input.BusinessValue is { } value) offer.BusinessValue = value;
        if (input.Priority is { } priority) offer.Priority = priority;
        if (input.HasStartAt) offer.StartAt = input.StartAt;
        if (input.HasEndAt) offer.EndAt = input.EndAt;
        if (input.Content is not null) offer.Content = input.Content;
        offer.UpdatedAt = clock.UtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(OfferView.From(offer));
    }

    private static async Task<IResult> Delete(HttpContext http, WaymarkDbContext db, string id)
    {
        var tenant = http.TenantId();
        var deleted = await db.Offers.Where(o => o.Id == id && o.TenantId == tenant).ExecuteDeleteAsync(http.RequestAborted);
        return deleted == 0 ? OfferNotFound(id) : Results.NoContent();
    }

    public static ApiError OfferNotFound(string id) => ApiError.NotFound($"offer '{id}' not found");

    /// <summary>The tenant's offer, or null: another tenant's offer is reported as not found.</summary>
    private static Task<Offer?> FindAsync(WaymarkDbContext db, HttpContext http, string id, bool tracking)
    {
        var tenant = http.TenantId();
        var query = tracking ? db.Offers : db.Offers.AsNoTracking();
        return query.FirstOrDefaultAsync(o => o.Id == id && o.TenantId == tenant, http.RequestAborted);
    }
}
