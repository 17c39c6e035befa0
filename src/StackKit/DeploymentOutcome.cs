namespace StackKit;

/// <summary>How a deploy in a stack's history turned out.</summary>
public enum DeploymentOutcome
{
    /// <summary>It took effect and its image serves now.</summary>
    Serving,

    /// <summary>It took effect and a later deploy replaced it: a good image to go back to.</summary>
    Succeeded,

    /// <summary>Its update is still running (or being rolled back).</summary>
    InProgress,
}
