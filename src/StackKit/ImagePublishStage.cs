namespace StackKit;

/// <summary>Where an image publish stopped (<see cref="ImagePublishException.Stage"/>).</summary>
public enum ImagePublishStage
{
    /// <summary>Before building: no .NET SDK, no project, no git commit, or no repository to push to.</summary>
    Prepare,

    /// <summary>The project did not build.</summary>
    Build,

    /// <summary>The registry could not be reached.</summary>
    Connect,

    /// <summary>The registry refused the image, or the push broke off.</summary>
    Push,
}
