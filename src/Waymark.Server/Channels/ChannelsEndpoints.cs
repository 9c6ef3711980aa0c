using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Channels;

public static class ChannelsEndpoints
{
    public static RouteGroupBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/channels").WithTags("Channels");

        group.MapGet("/", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<ChannelView>>().WithSummary("List channels, newest first");
        group.MapPost("/", Create).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CreateChannelRequest>()
            .Produces<ChannelView>(StatusCodes.Status201Created).ProducesErrors(409).WithSummary("Create a channel");
        group.MapGet("/{id}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<ChannelView>().WithSummary("Get a channel (secrets are never shown)");
        group.MapPut("/{id}", Update).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<UpdateChannelRequest>()
            .Produces<ChannelView>().ProducesErrors(409).WithSummary("Update a channel; secrets left out are kept");
        group.MapDelete("/{id}", Delete).RequireRole(AuthSetup.AdminPolicy)
            .Produces(StatusCodes.Status204NoContent).WithSummary("Delete a channel; its pending deliveries become undeliverable");
        return group;
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db, string? channelType, string? status)
    {
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (channelType is not null && !ChannelTypes.IsKnown(channelType)) problems.Add("channelType", $"must be one of {string.Join(", ", ChannelTypes.All)}");
        if (status is not null && !ChannelStatus.IsKnown(status)) problems.Add("status", $"must be one of {string.Join(", ", ChannelStatus.All)}");
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.Channels.AsNoTracking().Where(c => c.TenantId == tenant);
        if (channelType is not null) query = query.Where(c => c.ChannelType == channelType);
        if (status is not null) query = query.Where(c => c.Status == status);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<ChannelView>(rows.ConvertAll(ChannelView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Create(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = ChannelInput.Read(body.Json, isCreate: true);
        ProviderConfig? config = null;
        var template = input.Template ?? MessageTemplate.Empty;
        if (input.ChannelType is { } type)
        {
            config = ProviderConfigInput.Read(input.ProviderConfig, type, stored: null, fields);
            // A template that did not parse has its own problem already.
            if (input.Template is not null || !fields.Has("template")) ChannelInput.CheckTemplate(type, template, fields);
        }
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var tenant = http.TenantId();
        if (await NameTakenAsync(db, tenant, input.Name!, exceptId: null, http.RequestAborted)) return NameConflict(input.Name!);
        var now = clock.UtcNow();
        var channel = new Channel
        {
            Id = Ids.New("chn", clock),
            TenantId = tenant,
            Name = input.Name!,
            ChannelType = input.ChannelType!,
            Status = input.Status ?? ChannelStatus.Active,
            ProviderConfig = config!.ToJson(),
            Template = template.ToJson(),
            FrequencyCapCount = input.FrequencyCap?.Count,
            FrequencyCapHours = input.FrequencyCap?.Hours,
            QuietHours = input.QuietHours?.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Channels.Add(channel);
        if (!await TrySaveAsync(db, http.RequestAborted)) return NameConflict(channel.Name);
        return Results.Created($"/api/v1/channels/{channel.Id}", ChannelView.From(channel));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id)
    {
        var channel = await FindAsync(db, http, id, tracking: false);
        return channel is null ? ChannelNotFound(id) : Results.Ok(ChannelView.From(channel));
    }

    private static async Task<IResult> Update(HttpContext http, WaymarkDbContext db, TimeProvider clock, string id)
    {
        var ct = http.RequestAborted;
        var channel = await FindAsync(db, http, id, tracking: true);
        if (channel is null) return ChannelNotFound(id);
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = ChannelInput.Read(body.Json, isCreate: false);

        var type = input.ChannelType ?? channel.ChannelType;
        var typeChanged = type != channel.ChannelType;
        var stored = ProviderConfig.FromJson(channel.ProviderConfig);
        var config = stored;
        if (input.ProviderConfig is not null)
        {
            config = ProviderConfigInput.Read(input.ProviderConfig, type, SameKind(type, channel.ChannelType) ? stored : null, fields);
        }
        else if (typeChanged)
        {
            config = type == ChannelTypes.InApp ? new ProviderConfig() : null;
            if (config is null) fields.Add(ProviderConfigInput.Field, $"is required when channelType changes to {type}");
        }
        var template = input.Template ?? MessageTemplate.FromJson(channel.Template);
        if (input.Template is not null || (typeChanged && !fields.Has("template"))) ChannelInput.CheckTemplate(type, template, fields);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        if (input.Name is { } name && name != channel.Name && await NameTakenAsync(db, channel.TenantId, name, channel.Id, ct)) return NameConflict(name);
        channel.Name = input.Name ?? channel.Name;
        channel.ChannelType = type;
        channel.Status = input.Status ?? channel.Status;
        channel.ProviderConfig = config!.ToJson();
        channel.Template = template.ToJson();
        if (input.HasFrequencyCap)
        {
            channel.FrequencyCapCount = input.FrequencyCap?.Count;
            channel.FrequencyCapHours = input.FrequencyCap?.Hours;
        }
        if (input.HasQuietHours) channel.QuietHours = input.QuietHours?.ToJson();
        channel.UpdatedAt = clock.UtcNow();
        if (!await TrySaveAsync(db, ct)) return NameConflict(channel.Name);
        return Results.Ok(ChannelView.From(channel));
    }

    private static async Task<IResult> Delete(HttpContext http, WaymarkDbContext db, string id)
    {
        var tenant = http.TenantId();
        var deleted = await db.Channels.Where(c => c.Id == id && c.TenantId == tenant).ExecuteDeleteAsync(http.RequestAborted);
        return deleted == 0 ? ChannelNotFound(id) : Results.NoContent();
    }

    public static ApiError ChannelNotFound(string id) => ApiError.NotFound($"channel '{id}' not found");

    private static ApiError NameConflict(string name) => ApiError.Conflict($"a channel named '{name}' already exists");

    private static Task<Channel?> FindAsync(WaymarkDbContext db, HttpContext http, string id, bool tracking)
    {
        var tenant = http.TenantId();
        var query = tracking ? db.Channels : db.Channels.AsNoTracking();
        return query.FirstOrDefaultAsync(c => c.Id == id && c.TenantId == tenant, http.RequestAborted);
    }

    private static Task<bool> NameTakenAsync(WaymarkDbContext db, string tenant, string name, string? exceptId, CancellationToken ct) =>
        db.Channels.AnyAsync(c => c.TenantId == tenant && c.Name == name && c.Id != exceptId, ct);

    // The name check above can race with another request; the unique index decides, and the loser gets 409.
    private static async Task<bool> TrySaveAsync(WaymarkDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false;
        }
    }

    private static bool SameKind(string a, string b) =>
        a == b || (ProviderConfig.UsesHttp(a) && ProviderConfig.UsesHttp(b));
}
