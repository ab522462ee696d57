import Foundation

// The default templates (`DefaultTemplates.files`, from templates/) and the scaffold of a new
// report (`Scaffold.files`, from scaffold/) are generated into this module at build time by the
// EmbedFiles plugin, so the program carries them: a report needs no templates folder of its
// own, and `findings new` needs nothing beside the program.
