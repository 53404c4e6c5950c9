package io.wampkit.runner.internal

import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import java.io.File
import java.io.IOException

/** The `-e/--extra-file` JSON object. */
internal class ExtraConfig private constructor(private val path: String, val root: JsonObject) {
    companion object {
        private val EMPTY = JsonObject(emptyMap())

        /** @throws IllegalArgumentException when the file cannot be read or is not a JSON object. */
        fun read(path: String): ExtraConfig {
            val text = try {
                File(path).readText()
            } catch (e: IOException) {
                throw IllegalArgumentException("--extra-file $path: cannot read it (${e.message})", e)
            }
            val root = try {
                Json.parseToJsonElement(text)
            } catch (e: SerializationException) {
                throw IllegalArgumentException("--extra-file $path: not JSON (${e.message?.lineSequence()?.first()})", e)
            }
            require(root is JsonObject) { "--extra-file $path: must hold a JSON object" }
            return ExtraConfig(path, root)
        }

        /**
         * The config of component [name]: the whole object when the runner runs one component ([count] 1), else
         * its member [name]; empty when there is none.
         * @throws IllegalArgumentException when that member is not an object.
         */
        fun forComponent(extras: ExtraConfig?, name: String, count: Int): JsonObject {
            if (extras == null) return EMPTY
            if (count == 1) return extras.root
            val member = extras.root[name] ?: return EMPTY
            require(member is JsonObject) { "--extra-file ${extras.path}: member '$name' must be a JSON object" }
            return member
        }
    }
}
