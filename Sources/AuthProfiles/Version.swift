public enum AuthProfilesVersion { public static let current = "0.1.0" }
