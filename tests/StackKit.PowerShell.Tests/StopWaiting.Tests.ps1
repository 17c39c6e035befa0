BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # A stand-in CloudFormation endpoint whose one stack never leaves CREATE_IN_PROGRESS, and which records every
    # action it is asked for (moto completes stacks at once, so it cannot show a wait being interrupted).
    $listener = [System.Net.HttpListener]::new()
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    $port = Get-FreeLoopbackPort
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $endpoint = "http://127.0.0.1:$port"
    $seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $server = Start-ThreadJob -ArgumentList $listener, $seen -ScriptBlock {
        param($listener, $seen)
        $stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/busy/11111111-2222-3333-4444-555555555555'
        $ns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $body = [System.IO.StreamReader]::new($context.Request.InputStream).ReadToEnd()
            $action = [regex]::Match($body, '(?:^|&)Action=([^&]+)').Groups[1].Value
            $seen.Enqueue($action)
            $xml = switch ($action) {
                'DescribeStacks' {
                    "<DescribeStacksResponse xmlns='$ns'><DescribeStacksResult><Stacks><member><StackName>busy</StackName><StackId>$stackId</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_IN_PROGRESS</StackStatus><Parameters/><Outputs/><Tags/></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeStacksResponse>"
                }
                'DescribeStackEvents' {
                    "<DescribeStackEventsResponse xmlns='$ns'><DescribeStackEventsResult><StackEvents><member><EventId>e1</EventId><StackId>$stackId</StackId><StackName>busy</StackName><LogicalResourceId>busy</LogicalResourceId><PhysicalResourceId>$stackId</PhysicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>2026-01-01T00:00:00Z</Timestamp><ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus><ResourceStatusReason>User Initiated</ResourceStatusReason></member></StackEvents></DescribeStackEventsResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeStackEventsResponse>"
                }
                'DescribeStackResources' {
                    "<DescribeStackResourcesResponse xmlns='$ns'><DescribeStackResourcesResult><StackResources/></DescribeStackResourcesResult><ResponseMetadata><RequestId>r4</RequestId></ResponseMetadata></DescribeStackResourcesResponse>"
                }
                default { $context.Response.StatusCode = 400; "<ErrorResponse xmlns='$ns'><Error><Type>Sender</Type><Code>ValidationError</Code><Message>unexpected $action</Message></Error><RequestId>r3</RequestId></ErrorResponse>" }
            }
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($xml)
            $context.Response.ContentType = 'text/xml'
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
    }
}

AfterAll {
    $listener.Stop()
    $server | Wait-Job -Timeout 10 | Remove-Job -Force
}

Describe 'Ctrl-C while a cmdlet waits' {
    It 'stops the wait, leaves the stack alone and says how to resume' {
        # A real terminal (tmux), so Ctrl-C arrives as a user's keystroke does; the same pwsh this suite runs in.
        $session = "stackkit-ctrl-c-$PID"
        $pwsh = "'$((Get-Process -Id $PID).Path)' '$([Environment]::GetCommandLineArgs()[0])'"
        $command = "Import-Module '$repo/StackKit.psd1'; Get-HttpServiceStack -StackName busy -Wait -EndpointUrl $endpoint -Region us-east-1 -AccessKey a -SecretKey b; 'pipeline went on'"
        $log = Join-Path $TestDrive 'exit-code'
        tmux new-session -d -s $session -x 400 -y 50 "AWS_EC2_METADATA_DISABLED=true $pwsh -NoProfile -Command `"$command`"; echo `$? > '$log'; sleep 60"
        try {
            # Interrupt once the wait is polling.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@($seen.ToArray() | Where-Object { $_ -eq 'DescribeStackEvents' }).Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            tmux send-keys -t $session C-c
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not (Test-Path $log) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $output = (tmux capture-pane -p -J -t $session) -join "`n"
        }
        finally {
            tmux kill-session -t $session
        }

        Test-Path $log | Should -BeTrue -Because 'Ctrl-C must end the wait'
        $output | Should -BeLike "*Stopped watching stack 'busy'*not touched*Get-HttpServiceStack -StackName busy -Wait*"
        $output | Should -Not -BeLike '*pipeline went on*'
        # Reads only (the resource count for progress included): Ctrl-C never deletes or cancels anything.
        $seen.ToArray() | Where-Object { $_ -notin 'DescribeStacks', 'DescribeStackEvents', 'DescribeStackResources' } | Should -BeNullOrEmpty
    }
}
