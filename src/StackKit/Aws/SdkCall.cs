using Amazon.Runtime;

namespace StackKit.Aws;

/// <summary>
/// Runs one AWSSDK call and reports its failure as the Query clients do (<see cref="AwsServiceException"/>), so callers
/// and the cmdlets handle AWS errors one way whichever client made the call.
/// </summary>
internal static class SdkCall
{
    public static async Task<T> RunAsync<T>(string action, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException error) when (error.ErrorCode is { Length: > 0 })
        {
            throw new AwsServiceException(action, error.StatusCode, error.ErrorCode, error.Message, error.RequestId, error);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or AmazonServiceException or AmazonClientException
                                      || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsServiceException(action, null, "ConnectionFailed", $"No answer from AWS: {error.Message}", null, error);
        }
    }
}
