<#
    Get-HttpServiceStack -Drift and the drift warning of Update-HttpServiceStack -WhatIf, end to end through the
    module. moto does not implement drift detection, so a small CloudFormation endpoint on loopback answers in the
    shapes botocore's model gives (the same answers the C# suite's scripted fake plays and the aws CLI reads).
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    Set-MotoEnvironment

    $ns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
    $stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/6a1e3f00-0000-4000-8000-000000000001'
    $changeSetId = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c'
    $stack = "<StackId>$stackId</StackId><StackName>web</StackName><CreationTime>2026-12-01T09:00:00.000Z</CreationTime>" +
        '<StackStatus>UPDATE_COMPLETE</StackStatus><Parameters><member><ParameterKey>SshCidr</ParameterKey><ParameterValue>203.0.113.7/32</ParameterValue></member></Parameters>' +
        '<Tags><member><Key>stackkit:managed-by</Key><Value>StackKit</Value></member></Tags>' +
        '<DriftInformation><StackDriftStatus>DRIFTED</StackDriftStatus><LastCheckTimestamp>2026-12-07T01:00:00.000Z</LastCheckTimestamp></DriftInformation>'
    # Someone widened the SSH rule in the console, and gave it a description with a right-to-left override (legal in XML,
    # unlike C0 escapes), which would reorder what the terminal shows: it must be shown escaped.
    $drift = "<member><StackId>$stackId</StackId><LogicalResourceId>SshIngress</LogicalResourceId><PhysicalResourceId>sgr-0a1b2c3d4e5f60718</PhysicalResourceId>" +
        '<ResourceType>AWS::EC2::SecurityGroupIngress</ResourceType><PropertyDifferences><member><PropertyPath>/CidrIp</PropertyPath>' +
        '<ExpectedValue>203.0.113.7/32</ExpectedValue><ActualValue>0.0.0.0/0</ActualValue><DifferenceType>NOT_EQUAL</DifferenceType></member>' +
        '<member><PropertyPath>/Description</PropertyPath><ExpectedValue>null</ExpectedValue><ActualValue>ops&#x202E;nimda</ActualValue><DifferenceType>ADD</DifferenceType></member>' +
        '</PropertyDifferences><StackResourceDriftStatus>MODIFIED</StackResourceDriftStatus><Timestamp>2026-12-07T01:00:00.000Z</Timestamp></member>'
    $answers = @{
        DescribeStacks                    = "<Stacks><member>$stack</member></Stacks>"
        DetectStackDrift                  = '<StackDriftDetectionId>b7e8a1c0-5d2f-11ef-8a0e-0a1b2c3d4e5f</StackDriftDetectionId>'
        DescribeStackDriftDetectionStatus = "<StackId>$stackId</StackId><StackDriftDetectionId>b7e8a1c0-5d2f-11ef-8a0e-0a1b2c3d4e5f</StackDriftDetectionId>" +
            '<StackDriftStatus>DRIFTED</StackDriftStatus><DetectionStatus>DETECTION_COMPLETE</DetectionStatus><DriftedStackResourceCount>1</DriftedStackResourceCount><Timestamp>2026-12-07T02:00:00.000Z</Timestamp>'
        DescribeStackResourceDrifts       = "<StackResourceDrifts>$drift</StackResourceDrifts>"
        GetTemplate                       = '<TemplateBody>{"Resources": {}}</TemplateBody>'
        CreateChangeSet                   = "<Id>$changeSetId</Id><StackId>$stackId</StackId>"
        DescribeChangeSet                 = "<ChangeSetId>$changeSetId</ChangeSetId><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member><Type>Resource</Type>" +
            '<ResourceChange><Action>Modify</Action><LogicalResourceId>SshIngress</LogicalResourceId><PhysicalResourceId>sgr-0a1b2c3d4e5f60718</PhysicalResourceId>' +
            '<ResourceType>AWS::EC2::SecurityGroupIngress</ResourceType><Replacement>True</Replacement></ResourceChange></member></Changes>'
        DeleteChangeSet                   = ''
    }

    # The endpoint: an HttpListener on a free loopback port, in a runspace of its own, recording each call's action.
    $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $calls = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $server = [powershell]::Create().AddScript({
        param($listener, $answers, $ns, $calls)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $body = [System.IO.StreamReader]::new($context.Request.InputStream).ReadToEnd()
            $action = [uri]::UnescapeDataString((($body -split '&' | Where-Object { $_ -like 'Action=*' }) -replace '^Action=', ''))
            $calls.Enqueue($action)
            $xml = "<$($action)Response xmlns=`"$ns`"><$($action)Result>$($answers[$action])</$($action)Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></$($action)Response>"
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($xml)
            $context.Response.ContentType = 'text/xml'
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
    }).AddArgument($listener).AddArgument($answers).AddArgument($ns).AddArgument($calls)
    $running = $server.BeginInvoke()
    $PSDefaultParameterValues['*-HttpServiceStack:EndpointUrl'] = "http://127.0.0.1:$port/"
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpServiceStack:EndpointUrl')
    $listener.Stop()
    $null = $running.AsyncWaitHandle.WaitOne(5000)
    $server.Dispose()
    $listener.Close()
    Restore-LocalEnvironment
}

Describe 'Drift' {
    BeforeEach { $calls.Clear() }

    It 'Get-HttpServiceStack -Drift writes the changed rule with its property differences, escaped on screen' {
        $result = Get-HttpServiceStack web -Drift

        $result | Should -BeOfType StackKit.PowerShell.Output.StackDriftInfo
        $result.DriftStatus | Should -Be 'DRIFTED'
        $result.Region | Should -Be 'us-east-1'
        $result.Resources | Should -HaveCount 1
        $rule = $result.Resources[0]
        $rule.LogicalId | Should -Be 'SshIngress'
        $rule.PropertyDifferences[0].ToString() | Should -Be '/CidrIp: 203.0.113.7/32 -> 0.0.0.0/0'
        $rule.PropertyDifferences[1].ActualValue | Should -Be "ops$([char]0x202E)nimda"
        # A few calls, in order: the stack, the start, the status, the results.
        @($calls) | Should -Be @('DescribeStacks', 'DetectStackDrift', 'DescribeStackDriftDetectionStatus', 'DescribeStackResourceDrifts')

        $shown = $result | Out-String -Width 200
        $shown | Should -Match 'SshIngress \(AWS::EC2::SecurityGroupIngress\) MODIFIED'
        $shown | Should -Match '  /CidrIp: 203\.0\.113\.7/32 -> 0\.0\.0\.0/0'
        $shown | Should -Match ([regex]::Escape('/Description: added ops\u202Enimda'))
        $shown | Should -Not -Match ([regex]::Escape([string][char]0x202E))
    }

    It '-Drift takes no -Wait or -Diagnose' {
        { Get-HttpServiceStack web -Drift -Wait } | Should -Throw -ErrorId 'AmbiguousParameterSet,StackKit.PowerShell.Cmdlets.GetHttpServiceStackCommand'
        @($calls).Count | Should -Be 0
    }

    It 'Update-HttpServiceStack -WhatIf warns which drifted resource the update changes, from the last detection' {
        Update-HttpServiceStack web -SshCidr 198.51.100.0/24 -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable lines 6>$null

        $warnings | Should -HaveCount 1
        $warning = $warnings[0]
        $warning.Message | Should -Match "^Stack 'web' has drifted at the last detection, 2026-12-07 01:00 UTC"
        $warning.Message | Should -Match ([regex]::Escape('This update changes SshIngress (AWS::EC2::SecurityGroupIngress, MODIFIED: /CidrIp: 203.0.113.7/32 -> 0.0.0.0/0; /Description: added ops\u202Enimda)'))
        $warning.Message | Should -Not -Match ([regex]::Escape([string][char]0x202E))
        @($lines.MessageData.Message) | Should -Contain 'What if: Modify SshIngress (AWS::EC2::SecurityGroupIngress), replaced'
        # The preview reads the last result: no detection is started.
        @($calls) | Should -Not -Contain 'DetectStackDrift'
        @($calls) | Should -Contain 'DescribeStackResourceDrifts'
    }

    It 'Update-HttpServiceStack -WhatIf says when drift was never detected, and makes no drift call' {
        $saved = $answers.DescribeStacks
        $answers.DescribeStacks = $saved -replace '<DriftInformation>.*</DriftInformation>', ''
        try {
            Update-HttpServiceStack web -SshCidr 198.51.100.0/24 -WhatIf -WarningVariable warnings -InformationVariable lines 6>$null
        }
        finally {
            $answers.DescribeStacks = $saved
        }

        $warnings | Should -HaveCount 0
        @($lines.MessageData.Message) | Should -Contain "What if: drift was never detected on stack 'web'; to see manual changes this update could revert, first run Get-HttpServiceStack web -Drift."
        @($calls) | Should -Not -Contain 'DescribeStackResourceDrifts'
    }
}
