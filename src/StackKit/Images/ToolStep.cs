namespace StackKit.Images;

/// <summary>
/// One tool run of a publish as its timeout names it: what it does, the stage a timeout stops the publish in, the
/// longest it may take, and what to check when it takes longer.
/// </summary>
internal sealed record ToolStep(string Description, ImagePublishStage Stage, TimeSpan Limit, string Advice)
{
    /// <summary>
    /// The limit of the short steps (the project's version from MSBuild, git's commit and status): they take seconds, so
    /// five minutes is reached only by a hang (a lock, a hook, a prompt nobody answers).
    /// </summary>
    public static readonly TimeSpan QueryLimit = TimeSpan.FromMinutes(5);

    /// <summary>The limit in words: "30 minutes", "2 seconds".</summary>
    public string LimitText => Limit.TotalMinutes >= 1 && Limit.Seconds == 0
        ? $"{Limit.TotalMinutes:0} minute{(Limit.TotalMinutes == 1 ? "" : "s")}"
        : $"{Limit.TotalSeconds:0.###} second{(Limit.TotalSeconds == 1 ? "" : "s")}";
}
