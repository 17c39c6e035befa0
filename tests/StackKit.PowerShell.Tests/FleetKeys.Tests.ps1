<#
    The key cmdlets and the servers' fleet mode together: the stack's key table on moto, and the Release build of
    StackKit.Server started as the instances would run it, each with its own ~/.ssh, syncing from that table.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $serverDll = Join-Path $PSScriptRoot '../../src/StackKit.Server/bin/Release/net10.0/StackKit.Server.dll'
    if (-not (Test-Path $serverDll)) { throw "No Release build of the server at $serverDll; run 'dotnet build StackKit.slnx -c Release' first." }
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = $moto.Endpoint
    $servers = [System.Collections.Generic.List[object]]::new()

    function Start-FleetServer([string] $Table, [switch] $KeyApproval) {
        $folder = Join-Path $TestDrive "server-$($servers.Count + 1)"
        $ssh = Join-Path $folder '.ssh'
        install -d -m 700 $ssh
        $port = Get-FreeLoopbackPort
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in $serverDll, '--urls', "http://127.0.0.1:$port") { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $settings = @{
            KeyInjection__SshDirectory        = $ssh
            KeyInjection__Username            = 'deploy'
            KeyInjection__Password            = 'fleet-test-password'
            KeyInjection__Fleet__TableName    = $Table
            KeyInjection__Fleet__SyncInterval = '00:00:01'
            AWS_REGION                        = 'us-east-1'
            AWS_ENDPOINT_URL_DYNAMODB         = $moto.Endpoint
        }
        if ($KeyApproval) { $settings['KeyInjection__Fleet__KeyApproval'] = 'true' }
        foreach ($name in $settings.Keys) { $start.Environment[$name] = $settings[$name] }
        $process = [System.Diagnostics.Process]::Start($start)
        # Drain the output so the server never blocks on a full pipe.
        $process.BeginOutputReadLine()
        $process.BeginErrorReadLine()
        $server = [pscustomobject]@{ Process = $process; AuthorizedKeys = Join-Path $ssh 'authorized_keys'; Url = "http://127.0.0.1:$port" }
        $servers.Add($server)
        Wait-HttpReady -Url "http://127.0.0.1:$port/" -Process $process -Name "server $($servers.Count)"
        $server
    }

    # What sshd reads: authorized_keys and, for OpenSSH 10, the files of authorized_keys.d (dotfiles skipped).
    function Get-KeyLine($Server) {
        $files = @($Server.AuthorizedKeys) + @(Get-ChildItem -Path "$($Server.AuthorizedKeys).d" -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
        $files | Where-Object { Test-Path $_ } | ForEach-Object { Get-Content $_ }
    }

    # Whether a server's lines hold the key: as written, or after the options the server gives it (restrict,pty,expiry-time).
    function Test-KeyLine([string[]] $Lines, [string] $Key) {
        @($Lines | Where-Object { "$_" -ceq $Key -or "$_".EndsWith(" $Key", [StringComparison]::Ordinal) }).Count -gt 0
    }

    # Polls until every server passes the test or 15 s (the issue's bound) have passed; returns the time taken.
    function Wait-AllServers([object[]] $On, [scriptblock] $Until) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($clock.Elapsed.TotalSeconds -lt 15) {
            if (@($On | Where-Object { -not (& $Until (Get-KeyLine $_)) }).Count -eq 0) { return $clock.Elapsed }
            Start-Sleep -Milliseconds 200
        }
        throw "Not every server got there within 15 s: $(@($On | ForEach-Object { (Get-KeyLine $_) -join ' | ' }) -join ' || ')"
    }

    function New-TestKey([string] $Comment) {
        $file = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N'))"
        ssh-keygen -q -t ed25519 -N '' -C $Comment -f $file | Out-Null
        (Get-Content -Raw "$file.pub").TrimEnd("`n")
    }
}

AfterAll {
    foreach ($server in $servers) {
        if (-not $server.Process.HasExited) { $server.Process.Kill($true); $server.Process.WaitForExit() }
    }
    $PSDefaultParameterValues.Remove('*-HttpService*:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'Keys for the whole fleet' {
    BeforeAll {
        Reset-MotoServer $moto
        $table = (New-HttpServiceStack -StackName fleet -NoSshAccess -WarningAction SilentlyContinue).Outputs['KeyTable']
        $first = 1..3 | ForEach-Object { Start-FleetServer $table }
        # A line no server wrote (the EC2 key pair's, say), on one of them.
        $foreign = New-TestKey 'key-pair'
        Add-Content -Path $first[0].AuthorizedKeys -Value $foreign
        $alice = New-TestKey 'alice'
    }

    It 'Add-HttpServiceSshKey reaches three running servers and a fourth started later' {
        Add-HttpServiceSshKey -StackName fleet -PublicKey $alice
        $took = Wait-AllServers -On $first -Until { param($lines) Test-KeyLine $lines $alice }
        Write-Host "  the key reached 3 servers in $([int]$took.TotalMilliseconds) ms"
        $fourth = Start-FleetServer $table
        Wait-AllServers -On $fourth -Until { param($lines) Test-KeyLine $lines $alice } | Out-Null
        # The stack's default lifetime (12 hours) and no forwarding: sshd itself enforces both.
        Get-KeyLine $fourth | Where-Object { "$_".EndsWith(" $alice", [StringComparison]::Ordinal) } | Should -Match '^restrict,pty,expiry-time="\d{14}Z" '
    }

    It 'Remove-HttpServiceSshKey locks the key out everywhere and leaves foreign lines alone' {
        Get-HttpServiceSshKey -StackName fleet | Where-Object Comment -EQ 'alice' | Remove-HttpServiceSshKey -Force
        Wait-AllServers -On $servers -Until { param($lines) -not (Test-KeyLine $lines $alice) } | Out-Null
        Get-KeyLine $first[0] | Should -Contain $foreign
    }
}

Describe 'Keys that wait for approval (-KeyApproval)' {
    BeforeAll {
        Reset-MotoServer $moto
        $table = (New-HttpServiceStack -StackName gated -NoSshAccess -KeyApproval -WarningAction SilentlyContinue).Outputs['KeyTable']
        $gated = 1..3 | ForEach-Object { Start-FleetServer $table -KeyApproval }

        # The original README's request: the service password, and the key line in base64.
        function Send-Key($Server, [string] $Key) {
            $auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('deploy:fleet-test-password'))
            $body = @{ ssh_public_key = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Key)) } | ConvertTo-Json
            Invoke-WebRequest -Uri "$($Server.Url)/add_public_key" -Method Post -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Basic $auth" } -UseBasicParsing
        }
        $bob = New-TestKey 'bob'
        $mallory = New-TestKey 'mallory'
    }

    It 'a POSTed key answers 202 and waits, pending, on no server' {
        $answer = Send-Key $gated[0] $bob
        $answer.StatusCode | Should -Be 202
        $answer.Content | Should -Match 'pending approval'
        (Send-Key $gated[1] $mallory).StatusCode | Should -Be 202

        $pending = Get-HttpServiceSshKey -StackName gated -Pending
        $pending.Comment | Sort-Object | Should -Be @('bob', 'mallory')
        $pending.State | Should -Be @('Pending', 'Pending')
        $pending.AddedBy | Should -Be @('http:127.0.0.1', 'http:127.0.0.1')
        # Three sync intervals of 1 s: had a server applied it, its line would be there.
        Start-Sleep -Seconds 3
        $gated | ForEach-Object { Test-KeyLine (Get-KeyLine $_) $bob | Should -BeFalse }
    }

    It 'Approve-HttpServiceSshKey -WhatIf approves nothing' {
        Get-HttpServiceSshKey -StackName gated -Pending | Where-Object Comment -EQ 'bob' | Approve-HttpServiceSshKey -WhatIf
        (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').State | Should -Be 'Pending'
    }

    It 'Approve-HttpServiceSshKey lets the key in on all three servers within 15 s, recording the approver' {
        $approved = Get-HttpServiceSshKey -StackName gated -Pending | Where-Object Comment -EQ 'bob' | Approve-HttpServiceSshKey -Force
        $approved.State | Should -Be 'Approved'
        $approved.ApprovedBy | Should -Match '^arn:aws:(iam|sts)::\d{12}:'
        $took = Wait-AllServers -On $gated -Until { param($lines) Test-KeyLine $lines $bob }
        Write-Host "  the approved key reached 3 servers in $([int]$took.TotalMilliseconds) ms"
    }

    It 'Deny-HttpServiceSshKey deletes the pending key, which never reaches a server' {
        Get-HttpServiceSshKey -StackName gated -Pending | Deny-HttpServiceSshKey -Force
        Get-HttpServiceSshKey -StackName gated | ForEach-Object Comment | Should -Be @('bob')
        Start-Sleep -Seconds 3
        $gated | ForEach-Object { Test-KeyLine (Get-KeyLine $_) $mallory | Should -BeFalse }
    }

    It 'Deny-HttpServiceSshKey leaves an approved key alone, with a warning' {
        $fingerprint = (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').Fingerprint
        Deny-HttpServiceSshKey -StackName gated -Fingerprint $fingerprint -Force -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'approved, not pending'
        (Get-HttpServiceSshKey -StackName gated | Where-Object Comment -EQ 'bob').State | Should -Be 'Approved'
    }
}

Describe 'Key alerts and the audit trail' {
    BeforeAll {
        Reset-MotoServer $moto
        # The stack's own template, less its event source mapping: KeyAuditPoller.py plays Lambda's poller instead.
        $template = Export-HttpServiceTemplate -KeyApproval -NotificationEmail 'ops@example.com' | ConvertFrom-Json -AsHashtable
        $template.Resources.Remove('KeyAuditEvents')
        $body = Join-Path $TestDrive 'audited.json'
        $template | ConvertTo-Json -Depth 64 -Compress | Set-Content -Path $body -NoNewline
        aws --endpoint-url $moto.Endpoint cloudformation create-stack --stack-name audited --template-body "file://$body" --capabilities CAPABILITY_IAM --tags 'Key=stackkit:managed-by,Value=StackKit' | Out-Null
        $stack = Get-HttpServiceStack -StackName audited
        $table = $stack.Outputs['KeyTable']
        $topic = @((aws --endpoint-url $moto.Endpoint sns list-topics | ConvertFrom-Json).Topics)[0].TopicArn
        $topic | Should -Match ':sns:'
        $queueUrl = (aws --endpoint-url $moto.Endpoint sqs create-queue --queue-name key-notices | ConvertFrom-Json).QueueUrl
        $queueArn = (aws --endpoint-url $moto.Endpoint sqs get-queue-attributes --queue-url $queueUrl --attribute-names QueueArn | ConvertFrom-Json).Attributes.QueueArn
        aws --endpoint-url $moto.Endpoint sns subscribe --topic-arn $topic --protocol sqs --notification-endpoint $queueArn --attributes RawMessageDelivery=true | Out-Null
        $server = Start-FleetServer $table -KeyApproval
        $caller = (aws --endpoint-url $moto.Endpoint sts get-caller-identity | ConvertFrom-Json).Arn

        # Lambda's part: every stream record to the function's code as deployed; its output into the audit log group.
        function Invoke-KeyAudit {
            $source = Join-Path $TestDrive 'index.py'
            $deployed = aws --endpoint-url $moto.Endpoint cloudformation get-template --stack-name audited | ConvertFrom-Json -AsHashtable
            $deployed.TemplateBody.Resources.KeyAuditFunction.Properties.Code.ZipFile | Set-Content -Path $source -NoNewline
            $env:STACK_NAME = 'audited'; $env:TOPIC_ARN = $topic; $env:AWS_ENDPOINT_URL = $moto.Endpoint
            try { $lines = @(python3 (Join-Path $PSScriptRoot 'KeyAuditPoller.py') $moto.Endpoint $table $source) }
            finally { Remove-Item Env:STACK_NAME, Env:TOPIC_ARN, Env:AWS_ENDPOINT_URL }
            if ($LASTEXITCODE -ne 0) { throw "The audit function failed: $lines" }
            $group = $stack.Outputs['KeyAuditLog']
            aws --endpoint-url $moto.Endpoint logs create-log-stream --log-group-name $group --log-stream-name 'audit' | Out-Null
            $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $events = @($lines | ForEach-Object { @{ timestamp = $now; message = $_ } }) | ConvertTo-Json -Compress -AsArray
            $file = Join-Path $TestDrive 'events.json'
            Set-Content -Path $file -Value $events -NoNewline
            aws --endpoint-url $moto.Endpoint logs put-log-events --log-group-name $group --log-stream-name 'audit' --log-events "file://$file" | Out-Null
            $lines
        }

        function Receive-Notice {
            $notices = [System.Collections.Generic.List[object]]::new()
            do {
                $batch = @((aws --endpoint-url $moto.Endpoint sqs receive-message --queue-url $queueUrl --max-number-of-messages 10 --attribute-names All | ConvertFrom-Json).Messages)
                foreach ($message in $batch) { if ($message) { $notices.Add($message.Body) } }
            } while ($batch.Count -gt 0 -and $batch[0])
            $notices
        }
    }

    It 'sends one notice and writes one audit line per change, made through the POST, the cmdlets or the table itself' {
        $posted = New-TestKey 'posted'
        $added = New-TestKey 'added'
        $direct = New-TestKey 'direct'
        $auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('deploy:fleet-test-password'))
        $post = @{ ssh_public_key = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($posted)) } | ConvertTo-Json
        (Invoke-WebRequest -Uri "$($server.Url)/add_public_key" -Method Post -Body $post -ContentType 'application/json' -Headers @{ Authorization = "Basic $auth" } -UseBasicParsing).StatusCode | Should -Be 202
        Add-HttpServiceSshKey -StackName audited -PublicKey $added -ValidFor 2h | Out-Null
        # A direct write with the table's rights, naming nobody: the stream records it all the same.
        $directFile = Join-Path $TestDrive 'direct.pub'
        Set-Content -Path $directFile -Value $direct
        $directFingerprint = (ssh-keygen -l -f $directFile).Split(' ')[1]
        $item = @{ Fingerprint = @{ S = $directFingerprint }; KeyLine = @{ S = $direct }; Type = @{ S = 'ssh-ed25519' }; Comment = @{ S = 'direct' } } | ConvertTo-Json -Compress
        aws --endpoint-url $moto.Endpoint dynamodb put-item --table-name $table --item $item | Out-Null
        Get-HttpServiceSshKey -StackName audited -Pending | Where-Object Comment -EQ 'posted' | Deny-HttpServiceSshKey -Force
        Remove-HttpServiceSshKey -StackName audited -Fingerprint $directFingerprint -Force

        $lines = Invoke-KeyAudit
        $audit = @($lines | ConvertFrom-Json)
        $audit | ForEach-Object { "$($_.change) $($_.comment) by $($_.by)" } | Should -Be @(
            'pending posted by http:127.0.0.1'
            'pending added by ' + $caller
            'approved added by ' + $caller
            'added direct by not recorded'
            'denied posted by ' + $caller
            'removed direct by ' + $caller)
        $audit | ForEach-Object { $_.stack | Should -Be 'audited'; $_.fingerprint | Should -Match '^SHA256:'; $_.at | Should -BeOfType [datetime] }

        $notices = @(Receive-Notice)
        $notices.Count | Should -Be 6
        $notices | Where-Object { $_ -match '^SSH key approved on stack audited' } | Should -Match ([regex]::Escape("by: `"$caller`""))
        $notices | Where-Object { $_ -match '^SSH key pending on stack audited' -and $_ -match 'posted' } | Should -Match 'by: "http:127.0.0.1"'
        foreach ($line in $lines) { $notices | Where-Object { $_.EndsWith($line) } | Should -HaveCount 1 }
    }

    It 'Get-HttpServiceSshKey -History shows the changes newest first, each once' {
        $history = @(Get-HttpServiceSshKey -StackName audited -History)
        $history.Change | ForEach-Object ToString | Sort-Object | Should -Be @('Added', 'Approved', 'Denied', 'Pending', 'Pending', 'Removed')
        ($history | Where-Object Change -EQ 'Denied').By | Should -Be $caller
        ($history | Where-Object Change -EQ 'Added').By | Should -Be 'not recorded'
        $history[0].At | Should -BeGreaterOrEqual $history[-1].At
    }
}
