using System.Net;
using Amazon.DynamoDBv2.Model;
using StackKit.Aws;

namespace StackKit.Tests.Aws;

/// <summary>AWSSDK failures reach callers as the Query clients' do, so the cmdlets map every AWS error one way.</summary>
public sealed class SdkCallTests
{
    [Fact]
    public async Task An_AWS_error_keeps_its_code_status_and_request_id()
    {
        var notFound = new ResourceNotFoundException("Requested resource not found")
        {
            ErrorCode = "ResourceNotFoundException",
            StatusCode = HttpStatusCode.BadRequest,
            RequestId = "req-1",
        };

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => SdkCall.RunAsync<int>("Scan", _ => throw notFound, CancellationToken.None));

        Assert.Equal(("Scan", "ResourceNotFoundException", HttpStatusCode.BadRequest, "req-1"), (error.Action, error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.Equal("Scan failed: ResourceNotFoundException: Requested resource not found", error.Message);
        Assert.Same(notFound, error.InnerException);
    }

    [Fact]
    public async Task No_answer_is_a_connection_failure_without_a_status()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            SdkCall.RunAsync<int>("PutItem", _ => throw new HttpRequestException("Connection refused (127.0.0.1:9)"), CancellationToken.None));

        Assert.Equal(("ConnectionFailed", (HttpStatusCode?)null), (error.ErrorCode, error.StatusCode));
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SdkCall.RunAsync<int>("Scan", token => Task.FromCanceled<int>(token), cancel.Token));
    }
}
