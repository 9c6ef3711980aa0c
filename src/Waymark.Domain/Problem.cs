namespace Waymark.Domain;

// Field is a path into the request body ("definition.nodes[2].config.delayHours"); Message reads
// as a continuation of it ("must be a number >= 0"), so a host can print "<field> <message>".
public sealed record Problem(string Field, string Message);
