// Types for vite-plugin-pwa's virtual module (the framework-free flavour: the others need React and friends).
/// <reference types="vite-plugin-pwa/vanillajs" />
