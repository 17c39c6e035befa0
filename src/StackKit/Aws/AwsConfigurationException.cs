namespace StackKit.Aws;

/// <summary>
/// StackKit cannot tell where or as whom to call AWS: no region, no credentials, or an unusable endpoint. The message
/// says what to set.
/// </summary>
public sealed class AwsConfigurationException : Exception
{
    internal AwsConfigurationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
