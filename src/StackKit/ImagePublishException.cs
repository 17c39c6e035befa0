namespace StackKit;

/// <summary>
/// An image could not be built or pushed: no .NET SDK, a project that is missing or does not build, a registry that
/// cannot be reached or refused the push. Nothing was deployed; the message says what failed and how to fix it.
/// </summary>
public sealed class ImagePublishException : StackKitException
{
    /// <summary>A publish that failed at <paramref name="stage"/>.</summary>
    public ImagePublishException(ImagePublishStage stage, string message)
        : base(message)
    {
        Stage = stage;
    }

    /// <summary>Where the publish stopped.</summary>
    public ImagePublishStage Stage { get; }
}
