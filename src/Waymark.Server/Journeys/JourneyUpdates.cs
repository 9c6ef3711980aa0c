using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Domain.Journeys;
using Waymark.Server.Api;
using Waymark.Server.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Journeys;

/// <summary>PUT /journeys/{id}: field edits, definition versions and status transitions (SPEC §2).</summary>
public static class JourneyUpdates
{
    public static async Task<IResult> Update(HttpContext http, WaymarkDbContext db, TimeProvider clock, string id)
    {
        var ct = http.RequestAborted;
        var journey = await db.FindJourneyAsync(http, id, tracking: true);
        if (journey is null) return JourneysEndpoints.JourneyNotFound(id);
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = JourneyInput.Read(body.Json, isCreate: false);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var from = journey.Status;
        var to = input.Status ?? from;
        if (!JourneyStatus.CanMove(from, to))
        {
            return ApiError.Conflict($"a journey cannot move from {from} to {to}");
        }
        var definitionChanged = input.DefinitionJson is not null && input.DefinitionJson != journey.Definition;
        if (from == JourneyStatus.Archived && (definitionChanged || ChangesFields(journey, input)))
        {
            return ApiError.Conflict("an archived journey cannot be changed");
        }

        // A live definition must be runnable: checked on activation and on every change while live.
        if (JourneyStatus.IsLive(to) && (definitionChanged || !JourneyStatus.IsLive(from)))
        {
            var definition = input.Definition ?? JourneyStore.ParseDefinition(journey.Definition);
            var problems = GraphValidator.Validate(definition).Concat(await JourneyReferences.CheckAsync(db, journey.TenantId, definition, ct)).ToList();
            if (problems.Count > 0) return ApiError.Unprocessable("the journey definition cannot run", problems);
        }

        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Apply(journey, input);
        if (definitionChanged)
        {
            journey.Definition = input.DefinitionJson!;
            journey.Version++;
            db.JourneyVersions.Add(new JourneyVersion { JourneyId = journey.Id, Version = journey.Version, Definition = journey.Definition, CreatedAt = now });
        }
        journey.Status = to;
        journey.EntryEvent = JourneyStore.EntryEventOf(journey);
        journey.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiError.Conflict("the journey was changed by another request; read it again and retry");
        }
        if (to == JourneyStatus.Archived && from != JourneyStatus.Archived)
        {
            await EnrollmentExits.ExitAllAsync(db, journey.Id, "journey_archived", now, ct);
        }
        await transaction.CommitAsync(ct);
        return Results.Ok(JourneyView.From(journey));
    }

    private static void Apply(Journey journey, JourneyInput input)
    {
        if (input.Name is not null) journey.Name = input.Name;
        if (input.HasDescription) journey.Description = input.Description;
        if (input.MaxDurationDays is { } days) journey.MaxDurationDays = days;
        if (input.HasEntryCondition) journey.EntryCondition = input.EntryCondition;
    }

    private static bool ChangesFields(Journey journey, JourneyInput input) =>
        (input.Name is not null && input.Name != journey.Name)
        || (input.HasDescription && input.Description != journey.Description)
        || (input.MaxDurationDays is { } days && days != journey.MaxDurationDays)
        || (input.HasEntryCondition && input.EntryCondition != journey.EntryCondition);
}
