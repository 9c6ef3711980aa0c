namespace Waymark.Domain.Decisioning;

// The stages of a decision, in the order they run; StageCount.Stage is one of these.
public static class DecisionStages
{
    public const string Candidates = "candidates";
    public const string Status = "status";
    public const string Schedule = "schedule";
    public const string Channel = "channel";
    public const string Qualification = "qualification";
    public const string Filters = "filters";
    public const string ContactPolicy = "contactPolicy";
    public const string Score = "score";
    public const string Limit = "limit";

    public static IReadOnlyList<string> All { get; } =
        [Candidates, Status, Schedule, Channel, Qualification, Filters, ContactPolicy, Score, Limit];
}
