using Microsoft.EntityFrameworkCore;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Decisioning;

public static class DecisionFlowsEndpoints
{
    public static RouteGroupBuilder MapDecisionFlows(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/decision-flows").WithTags("Decision flows");

        group.MapGet("/", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<DecisionFlowView>>().WithSummary("List the tenant's stored decision flows, newest first");
        group.MapPost("/", Create).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CreateDecisionFlowRequest>()
            .Produces<DecisionFlowView>(StatusCodes.Status201Created).ProducesErrors(409).WithSummary("Create a decision flow");
        group.MapGet("/{idOrKey}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<DecisionFlowView>().WithSummary("Get a decision flow by id or key (default-flow always exists)");
        group.MapPut("/{idOrKey}", Update).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<UpdateDecisionFlowRequest>()
            .Produces<DecisionFlowView>().ProducesErrors(409).WithSummary("Update a decision flow: absent fields are kept");
        group.MapDelete("/{idOrKey}", Delete).RequireRole(AuthSetup.AdminPolicy)
            .Produces(StatusCodes.Status204NoContent).WithSummary("Delete a decision flow");
        return group;
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db)
    {
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.DecisionFlows.AsNoTracking().Where(f => f.TenantId == tenant);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<DecisionFlowView>(rows.ConvertAll(DecisionFlowView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Create(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = DecisionFlowInput.Read(body.Json, isCreate: true);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var tenant = http.TenantId();
        if (await KeyTakenAsync(db, tenant, input.Key!, ct)) return KeyConflict(input.Key!);
        var now = clock.UtcNow();
        var flow = new DecisionFlow
        {
            Id = Ids.New("dfl", clock),
            TenantId = tenant,
            Key = input.Key!,
            Name = input.Name ?? input.Key!,
            Settings = input.Settings ?? DecisionFlows.DefaultSettings,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.DecisionFlows.Add(flow);
        if (!await TrySaveAsync(db, tenant, flow.Key, ct)) return KeyConflict(flow.Key);
        return Results.Created($"/api/v1/decision-flows/{flow.Id}", DecisionFlowView.From(flow));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string idOrKey)
    {
        var flow = await FindAsync(db, http.TenantId(), idOrKey, tracking: false, http.RequestAborted);
        if (flow is not null) return Results.Ok(DecisionFlowView.From(flow));
        return idOrKey == DecisionFlows.DefaultKey ? Results.Ok(DecisionFlowView.Implicit) : FlowNotFound(idOrKey);
    }

    private static async Task<IResult> Update(HttpContext http, WaymarkDbContext db, TimeProvider clock, string idOrKey)
    {
        var ct = http.RequestAborted;
        var tenant = http.TenantId();
        var flow = await FindAsync(db, tenant, idOrKey, tracking: true, ct);
        if (flow is null) return FlowNotFound(idOrKey);
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = DecisionFlowInput.Read(body.Json, isCreate: false);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var renamed = input.Key is not null && input.Key != flow.Key;
        if (renamed && await KeyTakenAsync(db, tenant, input.Key!, ct)) return KeyConflict(input.Key!);
        if (input.Key is not null) flow.Key = input.Key;
        if (input.Name is not null) flow.Name = input.Name;
        if (input.Settings is not null) flow.Settings = input.Settings;
        flow.UpdatedAt = clock.UtcNow();
        if (!await TrySaveAsync(db, tenant, flow.Key, ct)) return KeyConflict(flow.Key);
        return Results.Ok(DecisionFlowView.From(flow));
    }

    private static async Task<IResult> Delete(HttpContext http, WaymarkDbContext db, string idOrKey)
    {
        var flow = await FindAsync(db, http.TenantId(), idOrKey, tracking: false, http.RequestAborted);
        if (flow is null) return FlowNotFound(idOrKey);
        await db.DecisionFlows.Where(f => f.Id == flow.Id).ExecuteDeleteAsync(http.RequestAborted);
        return Results.NoContent();
    }

    public static ApiError FlowNotFound(string idOrKey) => idOrKey == DecisionFlows.DefaultKey
        ? ApiError.NotFound($"'{DecisionFlows.DefaultKey}' is the implicit flow and cannot be changed or deleted; create a flow with key '{DecisionFlows.DefaultKey}' to replace it")
        : ApiError.NotFound($"decision flow '{idOrKey}' not found");

    /// <summary>The tenant's stored flow with this id, else with this key; null when neither.</summary>
    public static async Task<DecisionFlow?> FindAsync(WaymarkDbContext db, string tenant, string idOrKey, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.DecisionFlows : db.DecisionFlows.AsNoTracking();
        var matches = await query.Where(f => f.TenantId == tenant && (f.Id == idOrKey || f.Key == idOrKey)).ToListAsync(ct);
        return matches.Find(f => f.Id == idOrKey) ?? matches.Find(f => f.Key == idOrKey);
    }

    private static Task<bool> KeyTakenAsync(WaymarkDbContext db, string tenant, string key, CancellationToken ct) =>
        db.DecisionFlows.AnyAsync(f => f.TenantId == tenant && f.Key == key, ct);

    // The unique index (tenant, key) settles two requests racing for one key: the loser's save
    // fails, and finding the key taken tells that failure from any other.
    private static async Task<bool> TrySaveAsync(WaymarkDbContext db, string tenant, string key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await KeyTakenByAnotherAsync(db, tenant, key, ct)) return false;
            throw;
        }
    }

    private static async Task<bool> KeyTakenByAnotherAsync(WaymarkDbContext db, string tenant, string key, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<DecisionFlow>().Select(e => e.Entity.Id).ToList();
        db.ChangeTracker.Clear();
        return await db.DecisionFlows.AsNoTracking().AnyAsync(f => f.TenantId == tenant && f.Key == key && !pending.Contains(f.Id), ct);
    }

    private static ApiError KeyConflict(string key) => ApiError.Conflict($"a decision flow with key '{key}' already exists");
}
