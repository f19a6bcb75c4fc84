// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

import AuthProfileCLI

CommandRunner.main(Array(CommandLine.arguments.dropFirst()))
