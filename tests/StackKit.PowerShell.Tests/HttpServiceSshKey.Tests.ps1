BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = $moto.Endpoint

    function New-TestKey([string] $Comment) {
        $file = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N'))"
        ssh-keygen -q -t ed25519 -N '' -C $Comment -f $file | Out-Null
        $LASTEXITCODE | Should -Be 0
        [pscustomobject]@{
            Path        = "$file.pub"
            Line        = (Get-Content -Raw "$file.pub").TrimEnd("`n")
            Fingerprint = (-split (ssh-keygen -l -f "$file.pub"))[1]
        }
    }

    function Get-TableItem([string] $StackName) {
        $stack = aws cloudformation describe-stacks --stack-name $StackName --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json
        $table = ($stack.Stacks[0].Outputs | Where-Object OutputKey -EQ 'KeyTable').OutputValue
        (aws dynamodb scan --table-name $table --consistent-read --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json).Items
    }

    function New-TestStack([string] $Name, [switch] $NoFleetKeyStore) {
        New-HttpServiceStack -StackName $Name -NoSshAccess -NoFleetKeyStore:$NoFleetKeyStore -WarningAction SilentlyContinue | Out-Null
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpService*:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'Add-HttpServiceSshKey' {
    BeforeEach {
        Reset-MotoServer $moto
        New-TestStack 'fleet'
    }

    It 'adds a key given as its line and records the caller as AddedBy' {
        $key = New-TestKey 'alice@laptop'
        $added = Add-HttpServiceSshKey -StackName fleet -PublicKey $key.Line -PassThru
        $added.Fingerprint | Should -Be $key.Fingerprint
        $item = Get-TableItem 'fleet'
        @($item).Count | Should -Be 1
        $item.KeyLine.S | Should -Be $key.Line
        $item.Comment.S | Should -Be 'alice@laptop'
        $item.AddedBy.S | Should -Be (aws sts get-caller-identity --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json).Arn
    }

    It 'adds keys from -Path, from piped files and from piped lines' {
        $fromPath, $fromFile, $fromLine = (New-TestKey 'path'), (New-TestKey 'file'), (New-TestKey 'line')
        Add-HttpServiceSshKey -StackName fleet -Path $fromPath.Path
        Get-Item $fromFile.Path | Add-HttpServiceSshKey -StackName fleet
        $fromLine.Line | Add-HttpServiceSshKey -StackName fleet
        (Get-TableItem 'fleet').Fingerprint.S | Sort-Object | Should -Be (@($fromPath, $fromFile, $fromLine).Fingerprint | Sort-Object)
    }

    It 'reads every key of a file, skipping blank lines and comments, and takes wildcards in -Path' {
        $first, $second = (New-TestKey 'first'), (New-TestKey 'second')
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive "team-$([guid]::NewGuid().ToString('N'))")
        "# the team`n$($first.Line)`n`n$($second.Line)`n" | Set-Content -NoNewline (Join-Path $folder 'team.pub')
        Add-HttpServiceSshKey -StackName fleet -Path (Join-Path $folder '*.pub')
        (Get-TableItem 'fleet').Comment.S | Sort-Object | Should -Be @('first', 'second')
    }

    It 'refuses an invalid key with an error that says why, and writes nothing' {
        $key = New-TestKey 'opts'
        Add-HttpServiceSshKey -StackName fleet -PublicKey "from=`"10.0.0.1`" $($key.Line)" -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSshPublicKey,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.Message | Should -BeLike '*refused*options*'
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It 'adding a key that is there already changes nothing and says so' {
        $key = New-TestKey 'twice'
        $first = Add-HttpServiceSshKey -StackName fleet -PublicKey $key.Line -PassThru
        $output = Add-HttpServiceSshKey -StackName fleet -PublicKey $key.Line -PassThru 6>&1
        ($output | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).MessageData.Message | Should -BeLike "*$($key.Fingerprint)*already in the store*"
        ($output | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }).AddedAt | Should -Be $first.AddedAt
        @(Get-TableItem 'fleet').Count | Should -Be 1
    }

    It '-WhatIf names the key and makes no call' {
        $key = New-TestKey 'what-if'
        # A child process shows the What if: line; its endpoint answers nothing, so any call would fail loudly.
        $output = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Add-HttpServiceSshKey -StackName fleet -PublicKey '$($key.Line)' -Region us-east-1 -EndpointUrl http://127.0.0.1:9 -WhatIf"
        ($output | Out-String) | Should -BeLike "*What if:*Add the SSH key*$($key.Fingerprint) (what-if) on stack fleet*"
        ($output | Out-String) | Should -Not -BeLike '*error*'
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }
}

Describe 'Add-HttpServiceSshKey lifetimes' {
    BeforeAll {
        function Get-Expiry([string] $Fingerprint) {
            $item = Get-TableItem 'fleet' | Where-Object { $_.Fingerprint.S -eq $Fingerprint }
            if ($item.ExpiresAt) { [DateTimeOffset]::FromUnixTimeSeconds([long] $item.ExpiresAt.N) }
        }
    }

    BeforeEach {
        Reset-MotoServer $moto
        New-TestStack 'fleet'
    }

    It '-ValidFor <Text> stores the expiry that far from now' -ForEach @(
        @{ Text = '8h'; Lifetime = [timespan]::FromHours(8) }
        @{ Text = '1h30m'; Lifetime = [timespan]::FromMinutes(90) }
        @{ Text = '2d'; Lifetime = [timespan]::FromDays(2) }
        @{ Text = '00:45:00'; Lifetime = [timespan]::FromMinutes(45) }
    ) {
        $key = New-TestKey 'valid-for'
        $before = [DateTimeOffset]::UtcNow
        $added = Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor $Text -PassThru
        $expiry = Get-Expiry $key.Fingerprint
        $expiry | Should -BeGreaterOrEqual $before.Add($Lifetime).AddSeconds(-1)
        $expiry | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.Add($Lifetime))
        $added.ExpiresAt | Should -Be $expiry
    }

    It '-ExpiresAt stores that time, from files piped from Get-ChildItem too' {
        $key = New-TestKey 'expires-at'
        $at = (Get-Date).AddDays(3).Date
        Get-Item $key.Path | Add-HttpServiceSshKey fleet -ExpiresAt $at
        Get-Expiry $key.Fingerprint | Should -Be ([DateTimeOffset] $at)
    }

    It 'without either, a key lasts the stack''s default lifetime of 12 hours' {
        $key = New-TestKey 'default'
        $before = [DateTimeOffset]::UtcNow
        Add-HttpServiceSshKey fleet -Path $key.Path
        (Get-Expiry $key.Fingerprint) - $before | Should -BeGreaterThan ([timespan]::FromHours(12).Add([timespan]::FromSeconds(-2)))
        (Get-Expiry $key.Fingerprint) - $before | Should -BeLessThan ([timespan]::FromHours(12).Add([timespan]::FromMinutes(1)))
    }

    It 'a stack made with -SshKeyLifetimeHours 0 adds keys without expiry, and [timespan]::MaxValue asks for one anywhere' {
        New-HttpServiceStack -StackName forever -NoSshAccess -SshKeyLifetimeHours 0 -WarningAction SilentlyContinue | Out-Null
        $default, $explicit = (New-TestKey 'stack-default'), (New-TestKey 'explicit')
        Add-HttpServiceSshKey forever -PublicKey $default.Line
        Add-HttpServiceSshKey fleet -PublicKey $explicit.Line -ValidFor ([timespan]::MaxValue)
        (Get-TableItem 'forever').ExpiresAt | Should -BeNullOrEmpty
        Get-Expiry $explicit.Fingerprint | Should -BeNullOrEmpty
    }

    It '-ValidFor and -ExpiresAt together are refused before anything is added, saying to give one' {
        $key = New-TestKey 'both'
        { Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor 8h -ExpiresAt (Get-Date).AddDays(1) } |
            Should -Throw -ErrorId 'ValidForWithExpiresAt,StackKit.PowerShell.Cmdlets.AddHttpServiceSshKeyCommand' -ExpectedMessage '*-ValidFor or -ExpiresAt, not both*'
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It '-ValidFor <Value> is refused, saying how to give a lifetime' -ForEach @(
        @{ Value = '8' }
        @{ Value = '8 hours' }
        @{ Value = 8 }
    ) {
        $key = New-TestKey 'bad'
        { Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor $Value } | Should -Throw '*give it with units, such as 8h*'
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It '-ValidFor 2d unquoted, which PowerShell reads as a number, is refused saying to quote it' {
        $key = New-TestKey 'unquoted'
        { Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor 2d } | Should -Throw "*quote them ('2d', '30s')*"
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It 'a lifetime under a minute, or an -ExpiresAt in the past, is an error naming it and writes nothing' {
        $short, $past = (New-TestKey 'short'), (New-TestKey 'past')
        Add-HttpServiceSshKey fleet -PublicKey $short.Line -ValidFor '30s' -ErrorVariable shortError -ErrorAction SilentlyContinue
        Add-HttpServiceSshKey fleet -PublicKey $past.Line -ExpiresAt (Get-Date).AddHours(-1) -ErrorVariable pastError -ErrorAction SilentlyContinue
        "$shortError" | Should -BeLike '*at least 1 minute*'
        "$pastError" | Should -BeLike '*ExpiresAt*in the past*'
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It 'adding a key again with a later expiry extends it, and an earlier one leaves it' {
        $key = New-TestKey 'renewed'
        Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor 1h
        $first = Get-Expiry $key.Fingerprint
        Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor 10m 6>$null
        Get-Expiry $key.Fingerprint | Should -Be $first
        Add-HttpServiceSshKey fleet -PublicKey $key.Line -ValidFor 8h
        Get-Expiry $key.Fingerprint | Should -BeGreaterThan $first.AddHours(6)
    }

    It 'Get-HttpServiceSshKey shows each key''s expiry, and the table says until when, never or expired' {
        $soon, $forever = (New-TestKey 'soon'), (New-TestKey 'forever')
        Add-HttpServiceSshKey fleet -PublicKey $soon.Line -ValidFor 2h
        Add-HttpServiceSshKey fleet -PublicKey $forever.Line -ValidFor ([timespan]::MaxValue)
        $keys = Get-HttpServiceSshKey fleet
        ($keys | Where-Object Comment -EQ 'soon').ExpiresAt | Should -Be (Get-Expiry $soon.Fingerprint)
        ($keys | Where-Object Comment -EQ 'forever').ExpiresAt | Should -BeNullOrEmpty
        $table = $keys | Format-Table | Out-String -Width 120
        $table | Should -Match 'Fingerprint\s+Type\s+Comment\s+Expires\s+AddedBy'
        $table | Should -BeLike "*$($soon.Fingerprint) ssh-ed25519 soon*$((Get-Expiry $soon.Fingerprint).LocalDateTime.ToString('yyyy-MM-dd HH:mm'))*"
        $table | Should -BeLike "*$($forever.Fingerprint) ssh-ed25519 forever*never*"
        $expired = [StackKit.PowerShell.Output.SshKeyInfo]@{ StackName = 'fleet'; Region = 'us-east-1'; Fingerprint = $soon.Fingerprint; IsValid = $true; ExpiresAt = [DateTimeOffset]::UtcNow.AddMinutes(-5) }
        ($expired | Format-Table | Out-String -Width 120) | Should -BeLike '*expired*'
    }
}

Describe 'Get-HttpServiceSshKey and Remove-HttpServiceSshKey' {
    BeforeAll {
        Reset-MotoServer $moto
        New-TestStack 'fleet'
        $alice, $bob = (New-TestKey 'alice'), (New-TestKey 'bob')
        $alice.Line, $bob.Line | Add-HttpServiceSshKey -StackName fleet
    }

    It 'Get writes one object per key with Fingerprint, Type, Comment, AddedAt and AddedBy' {
        $keys = Get-HttpServiceSshKey -StackName fleet
        $keys.Count | Should -Be 2
        $keys[0].PSObject.TypeNames[0] | Should -Be 'StackKit.PowerShell.Output.SshKeyInfo'
        ($keys | Sort-Object Comment).Fingerprint | Should -Be @($alice.Fingerprint, $bob.Fingerprint)
        $keys.Type | Sort-Object -Unique | Should -Be 'ssh-ed25519'
        $keys | ForEach-Object { $_.AddedAt | Should -BeOfType [DateTimeOffset] }
        $keys.AddedBy | Sort-Object -Unique | Should -BeLike 'arn:aws:*'
        $keys.StackName | Sort-Object -Unique | Should -Be 'fleet'
        $keys.IsValid | Should -Not -Contain $false
        # The default view shows the five columns.
        ($keys | Format-Table | Out-String -Width 300) | Should -Match 'Fingerprint\s+Type\s+Comment\s+Expires\s+AddedBy'
    }

    It 'Get takes the stacks Get-HttpServiceStack writes' {
        (Get-HttpServiceStack -StackName fleet | Get-HttpServiceSshKey).Count | Should -Be 2
    }

    It 'Remove -WhatIf leaves the key' {
        Get-HttpServiceSshKey -StackName fleet | Where-Object Comment -EQ 'alice' | Remove-HttpServiceSshKey -WhatIf
        (Get-TableItem 'fleet').Fingerprint.S | Should -Contain $alice.Fingerprint
    }

    It 'Remove -Force still honours $WhatIfPreference' {
        $WhatIfPreference = $true
        try {
            Remove-HttpServiceSshKey -StackName fleet -Fingerprint $alice.Fingerprint -Force
        }
        finally {
            $WhatIfPreference = $false
        }
        (Get-TableItem 'fleet').Fingerprint.S | Should -Contain $alice.Fingerprint
    }

    It 'is high impact: it asks before removing' {
        (Get-Command Remove-HttpServiceSshKey).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    It 'Get | Remove -Force removes the piped keys' {
        Get-HttpServiceSshKey -StackName fleet | Where-Object Comment -EQ 'alice' | Remove-HttpServiceSshKey -Force
        (Get-TableItem 'fleet').Fingerprint.S | Should -Be $bob.Fingerprint
        Get-HttpServiceSshKey -StackName fleet | Remove-HttpServiceSshKey -Force
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It 'removing a key that is not there is a warning, not an error' {
        Remove-HttpServiceSshKey -StackName fleet -Fingerprint $alice.Fingerprint -Force -WarningVariable warnings -ErrorVariable failures -WarningAction SilentlyContinue
        $failures.Count | Should -Be 0
        $warnings[0] | Should -BeLike "*holds no key $($alice.Fingerprint)*nothing to remove*"
    }

    It 'refuses what is not a fingerprint, naming the expected form' {
        Remove-HttpServiceSshKey -StackName fleet -Fingerprint 'alice' -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $failures[0].ErrorDetails.Message | Should -BeLike "*'alice' is not an SSH key fingerprint*SHA256:*"
    }
}

Describe 'A stack without the key store' {
    BeforeAll {
        Reset-MotoServer $moto
        New-TestStack 'per-server' -NoFleetKeyStore
        $key = New-TestKey 'lost'
    }

    It 'New-HttpServiceStack -NoFleetKeyStore creates no key table' {
        (Get-HttpServiceStack -StackName 'per-server').Outputs.Keys | Should -Not -Contain 'KeyTable'
        (aws dynamodb list-tables --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json).TableNames | Should -BeNullOrEmpty
    }

    It '<Command> says the stack has no key store and how to get one' -ForEach @(
        @{ Command = 'Add-HttpServiceSshKey'; Arguments = { @{ PublicKey = $key.Line } } }
        @{ Command = 'Get-HttpServiceSshKey'; Arguments = { @{} } }
        @{ Command = 'Remove-HttpServiceSshKey'; Arguments = { @{ Fingerprint = $key.Fingerprint; Force = $true } } }
    ) {
        $arguments = & $Arguments
        & $Command -StackName 'per-server' @arguments -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SshKeyStoreMissing,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike "*'per-server' has no SSH key store*deploy a stack with the key store*"
        $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*New-HttpServiceStack*'
    }

    It 'Export-HttpServiceTemplate -NoFleetKeyStore writes the template without IAM resources or key table' {
        $path = Join-Path $TestDrive 'per-server.json'
        Export-HttpServiceTemplate -Path $path -NoFleetKeyStore
        $resources = (Get-Content -Raw $path | ConvertFrom-Json).Resources.PSObject.Properties.Value.Type
        $resources | Where-Object { $_ -like 'AWS::IAM::*' -or $_ -like 'AWS::DynamoDB::*' } | Should -BeNullOrEmpty
        $resources | Should -Contain 'AWS::AutoScaling::AutoScalingGroup'
    }
}

Describe 'A private key given where a public key belongs' {
    BeforeAll {
        Reset-MotoServer $moto
        New-TestStack 'fleet'

        # A real private key from ssh-keygen; for .ppk (ssh-keygen writes none) a real key's secret base64 laid out
        # as PuTTY writes it.
        function New-PrivateKey([string] $Kind) {
            $file = Join-Path $TestDrive "private-$([guid]::NewGuid().ToString('N'))"
            $keygen = @{
                'openssh'           = @('-t', 'ed25519', '-N', '')
                'openssh-encrypted' = @('-t', 'ed25519', '-N', 'a passphrase')
                'pem-rsa-encrypted' = @('-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'a passphrase')
                'pem-ec'            = @('-t', 'ecdsa', '-m', 'PEM', '-N', '')
                'pem-dsa'           = @('-t', 'dsa', '-m', 'PEM', '-N', '')
                'pkcs8'             = @('-t', 'ecdsa', '-m', 'PKCS8', '-N', '')
                'pkcs8-encrypted'   = @('-t', 'rsa', '-b', '2048', '-m', 'PKCS8', '-N', 'a passphrase')
                'ppk'               = @('-t', 'ed25519', '-N', '')
            }[$Kind]
            ssh-keygen -q @keygen -C 'me@laptop' -f $file | Out-Null
            $LASTEXITCODE | Should -Be 0
            if ($Kind -eq 'ppk') {
                $secret = Get-Content $file | Where-Object { $_ -notmatch '^-----' }
                $public = (-split (Get-Content -Raw "$file.pub"))[1]
                @('PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: me@laptop', 'Public-Lines: 1', $public,
                    "Private-Lines: $($secret.Count)") + $secret + 'Private-MAC: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' |
                    Set-Content "$file.ppk"
                Remove-Item $file
                $file = "$file.ppk"
            }
            $file
        }

        # The key's secret: every base64 line of its body (16 characters or more, so that a short last line cannot
        # match by chance).
        function Get-SecretLine([string] $File) {
            Get-Content $File | Where-Object { $_ -match '^[A-Za-z0-9+/=]{16,}$' }
        }

        # Everything a user could see or keep: the output streams, each record in full, exceptions with inner ones.
        function Get-AllText([object[]] $Output) {
            $Output | Out-String
            foreach ($item in $Output) {
                $item | Format-List * -Force | Out-String
                if ($item -is [System.Management.Automation.ErrorRecord]) {
                    $item.Exception.ToString()
                    $item.TargetObject | Out-String
                    $item.CategoryInfo | Out-String
                    $item.ErrorDetails | Out-String
                }
            }
        }

        # The suite runs with $ErrorActionPreference = 'Stop'; here errors must be written, as a user sees them.
        $ErrorActionPreference = 'Continue'
        $privateKeys = [ordered]@{}
        foreach ($kind in 'openssh', 'openssh-encrypted', 'pem-rsa-encrypted', 'pem-ec', 'pem-dsa', 'pkcs8', 'pkcs8-encrypted', 'ppk') {
            $privateKeys[$kind] = New-PrivateKey $kind
        }
    }

    It 'is refused with one error that says so, quoting none of it, given as <Name>' -ForEach @(
        @{ Name = '-Path'; Add = { param($file) Add-HttpServiceSshKey -StackName fleet -Path $file -Verbose *>&1 } }
        @{ Name = '-LiteralPath'; Add = { param($file) Add-HttpServiceSshKey -StackName fleet -LiteralPath $file -Verbose *>&1 } }
        @{ Name = 'a piped file'; Add = { param($file) Get-Item $file | Add-HttpServiceSshKey -StackName fleet -Verbose *>&1 } }
        @{ Name = '-PublicKey (its lines)'; Add = { param($file) Add-HttpServiceSshKey -StackName fleet -PublicKey (Get-Content $file) -Verbose *>&1 } }
        @{ Name = '-PublicKey (its text)'; Add = { param($file) Add-HttpServiceSshKey fleet (Get-Content -Raw $file) -Verbose *>&1 } }
        @{ Name = 'piped lines'; Add = { param($file) Get-Content $file | Add-HttpServiceSshKey -StackName fleet -Verbose *>&1 } }
        @{ Name = 'piped text'; Add = { param($file) Get-Content -Raw $file | Add-HttpServiceSshKey -StackName fleet -Verbose *>&1 } }
    ) {
        foreach ($kind in $privateKeys.Keys) {
            $file = $privateKeys[$kind]
            $Error.Clear()
            $output = @(& $Add $file)
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1 -Because "$kind gives one error"
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'PrivateKeyGiven,*'
            $errors[0].Exception.Message | Should -BeLike '*is a private key*Pass the public key instead: the .pub file*'
            $seen = (Get-AllText $output) + (Get-AllText @($Error)) -join "`n"
            foreach ($line in Get-SecretLine $file) {
                $seen.Contains($line) | Should -BeFalse -Because "the $kind key's line '$($line.Substring(0, 8))…' must not be echoed"
            }
            @(Get-SecretLine $file).Count | Should -BeGreaterThan 0
        }
        Get-TableItem 'fleet' | Should -BeNullOrEmpty
    }

    It 'a private key piped line by line does not stop the public key after it' {
        $key = New-TestKey 'after'
        $file = $privateKeys['openssh']
        $output = @(@(Get-Content $file) + $key.Line | Add-HttpServiceSshKey -StackName fleet *>&1)
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        (Get-TableItem 'fleet').Fingerprint.S | Should -Be $key.Fingerprint
    }

    It 'base64 that is no key line is refused without being quoted' {
        # Fresh strings: lines straight from Get-Content carry its PSPath and bind -LiteralPath.
        $body = @(Get-SecretLine $privateKeys['pem-rsa-encrypted'] | ForEach-Object { "$_" })
        $output = @($body | Add-HttpServiceSshKey -StackName fleet -Verbose *>&1)
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be $body.Count
        $seen = (Get-AllText $output) -join "`n"
        foreach ($line in $body) { $seen.Contains($line) | Should -BeFalse }
        $seen | Should -BeLike '*does not start with a key type*'
    }
}
