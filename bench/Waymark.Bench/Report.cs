namespace Waymark.Bench;

public static class Report
{
    public static void Line(string provider, string what, string figures) =>
        Console.WriteLine($"{provider,-9} {what,-34} {figures}");
}
