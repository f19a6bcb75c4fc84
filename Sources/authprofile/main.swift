import AuthProfileCLI
import Foundation

exit(await CommandRunner.run(Array(CommandLine.arguments.dropFirst())))
