package io.tocsin.web;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.LoginOptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final LoginOptions options;

    LoginController(LoginOptions options) {
        this.options = options;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("loginOptions", options);
        return CurrentActor.principal().isPresent() ? "redirect:/" : "login";
    }
}
