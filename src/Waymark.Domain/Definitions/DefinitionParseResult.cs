namespace Waymark.Domain.Definitions;

// Definition is set exactly when Problems is empty.
public sealed record DefinitionParseResult(JourneyDefinition? Definition, IReadOnlyList<Problem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
