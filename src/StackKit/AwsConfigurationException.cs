namespace StackKit;

/// <summary>
/// StackKit cannot tell where or as whom to call AWS: no region, no credentials, or an unusable endpoint. The message
/// says what to set.
/// </summary>
public sealed class AwsConfigurationException : StackKitException
{
    /// <summary>A configuration problem described by <paramref name="message"/>.</summary>
    public AwsConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
